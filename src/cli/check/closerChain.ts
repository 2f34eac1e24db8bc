import type { Machine } from './parseDefinition.ts';
import { reachableFrom } from './stateGraph.ts';

/** The Task that `check` and `wrap` treat as the Closer when `--closer` is not given. */
export const DEFAULT_CLOSER_NAME = 'Closer:Send';

/** The Closer chain, or why there is none. */
export type CloserChain =
  | { readonly kind: 'found'; readonly states: ReadonlySet<string> }
  | { readonly kind: 'missing'; readonly reason: string };

/**
 * The Closer chain: the top-level Task named `closerName` and every state reachable from it,
 * its Catch route (the dead-letter path) included.
 *
 * @example
 * const chain = closerChain(root, 'Closer:Send');
 * if (chain.kind === 'found') chain.states.has('Closer:Choice'); // true
 */
export function closerChain(machine: Machine, closerName: string): CloserChain {
  const closer = machine.states.get(closerName);
  if (closer === undefined) {
    return { kind: 'missing', reason: `There is no top-level state named ${closerName}.` };
  }
  if (closer.type !== 'Task') {
    return { kind: 'missing', reason: `${closerName} is a ${closer.type} state, not a Task.` };
  }
  return { kind: 'found', states: reachableFrom(machine, [closerName]) };
}
