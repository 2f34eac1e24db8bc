import type { Rule } from '../CheckContext.ts';
import { type Finding, finding } from '../Finding.ts';

/**
 * `closer-missing`: the definition has no Closer chain. The chain rules (`missing-catch-all`,
 * `escapes-closer`) are then silent: every one of their findings would repeat this one.
 */
export const closerMissing: Rule = ({ chain, closerName }) => {
  if (chain.kind === 'found') return [];
  const result: Finding = finding(
    'closer-missing',
    closerName,
    `${chain.reason} Without a Closer chain no path can signal a parent execution.`,
    `Run \`sub-step-closer wrap <definition> --closer-arn <ARN>\`, or paste the states from ` +
      `\`sub-step-closer states --closer-arn <ARN>\` and route every end and catcher into ${closerName}.`,
  );
  return [result];
};
