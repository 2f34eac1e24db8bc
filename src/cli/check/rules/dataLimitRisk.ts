import type { Rule } from '../CheckContext.ts';
import { type Finding, finding } from '../Finding.ts';
import type { StateNode } from '../parseDefinition.ts';
import { walkStates } from '../walkStates.ts';

/**
 * `data-limit-risk` (warning): a Parallel or Map keeps the full output of every branch or
 * iteration. Each one usually carries a copy of the input, so the state output grows with the
 * number of branches or items and can pass the 262,144-byte payload limit, failing the execution
 * with `States.DataLimitExceeded`, which a `States.ALL` catcher does not catch.
 *
 * Heuristic: warn unless the result is discarded (`ResultPath: null`), narrowed (`ResultSelector`,
 * an `OutputPath` other than `$`, JSONata `Output`) or written to S3 (`ResultWriter`).
 */
export const dataLimitRisk: Rule = ({ root, inChain }) => {
  const findings: Finding[] = [];
  for (const { node } of walkStates(root)) {
    if ((node.type !== 'Parallel' && node.type !== 'Map') || inChain(node)) continue;
    if (!keepsEverything(node)) continue;
    const each = node.type === 'Parallel' ? 'branch' : 'iteration';
    findings.push(
      finding(
        'data-limit-risk',
        node.path,
        `${node.type} keeps the full output of every ${each}; past 262,144 bytes the execution ` +
          'fails with States.DataLimitExceeded, which a States.ALL catcher does not catch.',
        node.queryLanguage === 'JSONata'
          ? 'Keep only what the next states need with "Output".'
          : 'Keep only what the next states need with "ResultSelector" or "OutputPath", or ' +
              'discard the result with "ResultPath": null.',
      ),
    );
  }
  return findings;
};

function keepsEverything(node: StateNode): boolean {
  const { raw } = node;
  if (raw['ResultWriter'] !== undefined) return false;
  if (node.queryLanguage === 'JSONata') return raw['Output'] === undefined;
  const outputPath = raw['OutputPath'];
  const narrowed = outputPath === null || (typeof outputPath === 'string' && outputPath !== '$');
  return raw['ResultPath'] !== null && raw['ResultSelector'] === undefined && !narrowed;
}
