import type { Rule } from '../CheckContext.ts';
import { type Finding, finding } from '../Finding.ts';
import { readPaths } from '../readPaths.ts';
import { walkStates } from '../walkStates.ts';

const READING_TYPES: ReadonlySet<string> = new Set(['Pass', 'Wait', 'Choice']);

/** How many paths a message names before it says "and N more". */
const SHOWN = 3;

/**
 * `runtime-error-risk` (warning): a JSONPath Pass, Wait or Choice reads a path that may be missing.
 * That fails the execution with `States.Runtime`, which no Catch sees (and these states cannot
 * catch anyway). One finding per state keeps the report short. States in the Closer chain are
 * skipped: they read `$.meta.status`, which `Closer:Send` has just written. JSONata expressions
 * are not analysed.
 */
export const runtimeErrorRisk: Rule = ({ root, inChain }) => {
  const findings: Finding[] = [];
  for (const { node } of walkStates(root)) {
    if (!READING_TYPES.has(node.type) || node.queryLanguage !== 'JSONPath' || inChain(node)) {
      continue;
    }
    const paths = readPaths(node.raw);
    if (paths.length === 0) continue;
    const shown = paths.slice(0, SHOWN).join(', ');
    const more = paths.length > SHOWN ? ` and ${paths.length - SHOWN} more` : '';
    findings.push(
      finding(
        'runtime-error-risk',
        node.path,
        `${node.type} reads ${shown}${more}; if a path is missing, the execution fails with ` +
          'States.Runtime, which no Catch can see.',
        'Make sure the paths always exist (set defaults in an earlier state), test them with an ' +
          'IsPresent Choice rule first, or read them in a Task whose catcher leads to the Closer.',
      ),
    );
  }
  return findings;
};
