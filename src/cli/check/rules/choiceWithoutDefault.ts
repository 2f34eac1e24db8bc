import type { Rule } from '../CheckContext.ts';
import { type Finding, finding } from '../Finding.ts';
import { walkStates } from '../walkStates.ts';

/**
 * `choice-without-default`: a Choice, at any depth, has no `Default`. An input that matches no
 * rule fails with `States.NoChoiceMatched`, and a Choice has no Catch to route that to the Closer.
 */
export const choiceWithoutDefault: Rule = ({ root, closerName }) => {
  const findings: Finding[] = [];
  for (const { node, nested } of walkStates(root)) {
    if (node.type !== 'Choice' || node.defaultNext !== undefined) continue;
    findings.push(
      finding(
        'choice-without-default',
        node.path,
        'Choice has no Default: an input that matches no rule fails with ' +
          'States.NoChoiceMatched, and a Choice cannot catch it.',
        nested
          ? 'Add a "Default", e.g. a Fail state that the enclosing Parallel or Map catches.'
          : `Add a "Default" that leads into ${closerName} through a state that sets ` +
              '$.meta.status = false.',
      ),
    );
  }
  return findings;
};
