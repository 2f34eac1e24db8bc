import type { Rule } from '../CheckContext.ts';
import { isFramedCloser } from '../closerShape.ts';
import { type Finding, finding } from '../Finding.ts';
import type { Catcher, StateNode } from '../parseDefinition.ts';

/**
 * `catch-replaces-payload` (warning): a top-level catcher outside the Closer chain replaces the
 * whole payload with the error output (JSONPath: no `ResultPath`, or `$`; JSONata: no `Output`,
 * whose default is `$states.errorOutput`). What the payload carried (its data and its `meta`
 * shims) is gone when the Closer runs; with a Closer that reads the link from the payload, so is
 * the parent's token. The fix keeps the payload and records the error in variables, as the
 * catch-alls `wrap` adds do, which works for a payload of any JSON type.
 */
export const catchReplacesPayload: Rule = ({ root, inChain, closerName }) => {
  const closer = root.states.get(closerName);
  const linkInPayload = closer !== undefined && !isFramedCloser(closer);
  const findings: Finding[] = [];
  for (const node of root.states.values()) {
    if (inChain(node)) continue;
    const replacing = node.catchers.filter((catcher) => replacesPayload(node, catcher));
    if (replacing.length === 0) continue;
    const errors = replacing.map((catcher) => catcher.errorEquals.join('/')).join(', ');
    findings.push(
      finding(
        'catch-replaces-payload',
        node.path,
        `The catcher for ${errors} replaces the whole payload with the error output, so the ` +
          `payload and its meta shims are gone when the Closer runs` +
          (linkInPayload ? ", and with them the parent's task token." : '.'),
        node.queryLanguage === 'JSONata'
          ? `Keep the payload with "Output": "{% $states.input %}" and record the error with ` +
              `"Assign": {"subStepCaught": "{% $states.errorOutput %}", "subStepCaughtState": ` +
              `"{% $states.context.State.Name %}"}.`
          : `Keep the payload with "ResultPath": null and record the error with "Assign": ` +
              `{"subStepCaught.$": "$", "subStepCaughtState.$": "$$.State.Name"}.`,
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
