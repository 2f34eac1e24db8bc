/** Where a definition was found: a file, and the logical id when a template holds it. */
export interface TargetName {
  /** As given on the command line (`<stdin>` for `-`). */
  readonly file: string;
  /** The state machine's logical id in a template. */
  readonly machine?: string;
}

/** One state machine definition found in the inputs, or why it could not be read. */
export type Target =
  | (TargetName & { readonly ok: true; readonly definition: unknown })
  | (TargetName & { readonly ok: false; readonly problem: string });

/**
 * How reports name a target: `machine.asl.json`, or `template.yaml#OrderMachine`.
 *
 * @example
 * targetLabel({ file: 'template.yaml', machine: 'OrderMachine' }); // 'template.yaml#OrderMachine'
 */
export function targetLabel(name: TargetName): string {
  return name.machine === undefined ? name.file : `${name.file}#${name.machine}`;
}
