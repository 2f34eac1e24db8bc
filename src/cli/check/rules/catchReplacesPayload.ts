import type { Rule } from '../CheckContext.ts';
import { errorKey } from '../errorKey.ts';
import { type Finding, finding } from '../Finding.ts';
import type { Catcher, StateNode } from '../parseDefinition.ts';

/**
 * `catch-replaces-payload` (warning): a top-level catcher outside the Closer chain replaces the
 * whole payload with the error output (JSONPath: no `ResultPath`, or `$`; JSONata: no `Output`,
 * whose default is `$states.errorOutput`). `$.meta` and the parent's token are then gone when the
 * Closer runs, so it cannot signal the parent.
 */
export const catchReplacesPayload: Rule = ({ root, inChain }) => {
  const findings: Finding[] = [];
  for (const node of root.states.values()) {
    if (inChain(node)) continue;
    const replacing = node.catchers.filter((catcher) => replacesPayload(node, catcher));
    if (replacing.length === 0) continue;
    const errors = replacing.map((catcher) => catcher.errorEquals.join('/')).join(', ');
    const key = errorKey(node.name);
    findings.push(
      finding(
        'catch-replaces-payload',
        node.path,
        `The catcher for ${errors} replaces the whole payload with the error output, so $.meta ` +
          "(and the parent's task token) is gone when the Closer runs.",
        node.queryLanguage === 'JSONata'
          ? `Set the catcher's "Output" to "{% $merge([$states.input, {'errors': ` +
              `{'${key}': $states.errorOutput}}]) %}".`
          : `Set the catcher's "ResultPath" to "$.errors.${key}".`,
      ),
    );
  }
  return findings;
};

function replacesPayload(node: StateNode, catcher: Catcher): boolean {
  if (node.queryLanguage === 'JSONata') return catcher.raw['Output'] === undefined;
  const resultPath = catcher.raw['ResultPath'];
  return resultPath === undefined || resultPath === '$';
}
