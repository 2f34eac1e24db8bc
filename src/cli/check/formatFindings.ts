import type { Finding, Severity } from './Finding.ts';

/** Output formats of `check`. */
export type FindingsFormat = 'text' | 'json';

const COLOURS: Record<Severity | 'ok' | 'dim', readonly [string, string]> = {
  error: ['\u001b[31m', '\u001b[39m'],
  warning: ['\u001b[33m', '\u001b[39m'],
  ok: ['\u001b[32m', '\u001b[39m'],
  dim: ['\u001b[2m', '\u001b[22m'],
};

/**
 * Renders findings. `json` is `{ "findings": [...] }` for scripts; `text` is for people: one
 * finding per line and a summary line, in colour only when `colour` is true (a terminal).
 *
 * @example
 * io.stdout(formatFindings(findings, { format: 'text', colour: io.isTTY, source: file }));
 */
export function formatFindings(
  findings: readonly Finding[],
  options: { readonly format: FindingsFormat; readonly colour: boolean; readonly source: string },
): string {
  switch (options.format) {
    case 'json':
      return `${JSON.stringify({ findings }, null, 2)}\n`;
    case 'text':
      return formatText(findings, options.colour, options.source);
    default: {
      const unknown: never = options.format;
      throw new Error(`Unknown format: ${String(unknown)}`);
    }
  }
}

function formatText(findings: readonly Finding[], colour: boolean, source: string): string {
  const paint = (style: keyof typeof COLOURS, text: string): string =>
    colour ? `${COLOURS[style][0]}${text}${COLOURS[style][1]}` : text;
  const lines = findings.map(
    (item) =>
      `${paint(item.severity, item.severity.padEnd(7))} ${item.rule} ${item.state}: ` +
      `${item.message} ${paint('dim', `Fix: ${item.fix}`)}`,
  );
  const errors = findings.filter((item) => item.severity === 'error').length;
  const warnings = findings.length - errors;
  const counted = `${plural(errors, 'error')}, ${plural(warnings, 'warning')}`;
  lines.push(
    errors > 0
      ? paint('error', `${source} breaks the Closer contract: ${counted}.`)
      : paint('ok', `${source} follows the Closer contract (${counted}).`),
  );
  return `${lines.join('\n')}\n`;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
