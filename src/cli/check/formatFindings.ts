import { type TargetName, targetLabel } from '../input/Target.ts';
import type { Finding, Severity } from './Finding.ts';

/** Output formats of `check`. */
export type FindingsFormat = 'text' | 'json';

/** What `check` found in one definition: findings, or the problems that kept it from checking. */
export interface TargetReport {
  readonly name: TargetName;
  readonly findings: readonly Finding[];
  /** Why the definition could not be checked (exit 2); empty when it was. */
  readonly problems: readonly string[];
}

/** A report, split the way a CLI prints it. */
export interface FormattedReport {
  readonly stdout: string;
  readonly stderr: string;
}

const COLOURS: Record<Severity | 'ok' | 'dim', readonly [string, string]> = {
  error: ['\u001b[31m', '\u001b[39m'],
  warning: ['\u001b[33m', '\u001b[39m'],
  ok: ['\u001b[32m', '\u001b[39m'],
  dim: ['\u001b[2m', '\u001b[22m'],
};

/**
 * Renders the findings of one definition. `json` is `{ "findings": [...] }` for scripts; `text` is
 * for people: one finding per line and a summary line, in colour only when `colour` is true.
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
      return `${textLines(findings, options.colour, options.source, '').join('\n')}\n`;
    default: {
      const unknown: never = options.format;
      throw new Error(`Unknown format: ${String(unknown)}`);
    }
  }
}

/**
 * Renders what `check` found in every definition it read.
 * - `json`: one document, `{ "files": [{ "file", "machine"?, "findings", "problems"? }] }`. With
 *   `single` (one definition file was given) it also has the top-level `"findings"` that `check`
 *   printed for one file before it took several.
 * - `text`: each finding on its own line, prefixed with `file:` or `file#LogicalId:` unless
 *   `single`; a summary line per definition; a total line for more than one. Problems go to stderr
 *   in both formats.
 *
 * @example
 * const { stdout, stderr } = formatReport(reports, { format: 'text', colour: false, single: false });
 */
export function formatReport(
  reports: readonly TargetReport[],
  options: { readonly format: FindingsFormat; readonly colour: boolean; readonly single: boolean },
): FormattedReport {
  const problems = reports.flatMap((report) => report.problems);
  const stderr = problems.length === 0 ? '' : `${problems.join('\n')}\n`;
  switch (options.format) {
    case 'json': {
      const files = reports.map((report) => ({
        file: report.name.file,
        ...(report.name.machine === undefined ? {} : { machine: report.name.machine }),
        findings: report.findings,
        ...(report.problems.length === 0 ? {} : { problems: report.problems }),
      }));
      const [only] = reports;
      const document =
        options.single && only !== undefined && reports.length === 1
          ? { findings: only.findings, files }
          : { files };
      return { stdout: `${JSON.stringify(document, null, 2)}\n`, stderr };
    }
    case 'text': {
      const lines = reports.flatMap((report) => {
        if (report.problems.length > 0) return [];
        const label = targetLabel(report.name);
        return textLines(
          report.findings,
          options.colour,
          label,
          options.single ? '' : `${label}: `,
        );
      });
      if (reports.length > 1) lines.push(totalLine(reports));
      return { stdout: lines.length === 0 ? '' : `${lines.join('\n')}\n`, stderr };
    }
    default: {
      const unknown: never = options.format;
      throw new Error(`Unknown format: ${String(unknown)}`);
    }
  }
}

function textLines(
  findings: readonly Finding[],
  colour: boolean,
  source: string,
  prefix: string,
): string[] {
  const paint = (style: keyof typeof COLOURS, text: string): string =>
    colour ? `${COLOURS[style][0]}${text}${COLOURS[style][1]}` : text;
  const lines = findings.map(
    (item) =>
      `${prefix}${paint(item.severity, item.severity.padEnd(7))} ${item.rule} ${item.state}: ` +
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
  return lines;
}

function totalLine(reports: readonly TargetReport[]): string {
  const unreadable = reports.filter((report) => report.problems.length > 0).length;
  const breaking = reports.filter(
    (report) =>
      report.problems.length === 0 && report.findings.some((item) => item.severity === 'error'),
  ).length;
  const following = reports.length - unreadable - breaking;
  return (
    `${plural(reports.length, 'definition')}: ${following} ${following === 1 ? 'follows' : 'follow'} ` +
    `the Closer contract, ${breaking} ${breaking === 1 ? 'breaks' : 'break'} it, ` +
    `${unreadable} cannot be checked.`
  );
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
