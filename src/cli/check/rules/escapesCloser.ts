import type { CheckContext, Rule } from '../CheckContext.ts';
import { type Finding, finding } from '../Finding.ts';
import type { StateNode } from '../parseDefinition.ts';
import { statesThatReach } from '../stateGraph.ts';

/**
 * `escapes-closer`: a path ends (Succeed, Fail, `End: true`) outside the Closer chain, or loops
 * forever without a way into it. Nested ends are fine: they end a branch, not the execution.
 */
export const escapesCloser: Rule = (context) => {
  const { chain, root, inChain } = context;
  if (chain.kind === 'missing') return [];
  const ends = [...root.states.values()].filter((node) => !inChain(node) && isTerminal(node));
  return [...ends.map((node) => endFinding(context, node)), ...loopFindings(context, ends)];
};

function isTerminal(node: StateNode): boolean {
  return node.type === 'Succeed' || node.type === 'Fail' || node.end;
}

function endFinding({ closerName, paths }: CheckContext, node: StateNode): Finding {
  const route = paths.describe(node.name);
  switch (node.type) {
    case 'Succeed':
      return finding(
        'escapes-closer',
        node.path,
        `Succeed state ends the execution outside the Closer chain: ${route}.`,
        `Replace it with a Pass state whose Next is ${closerName}.`,
      );
    case 'Fail':
      return finding(
        'escapes-closer',
        node.path,
        `Fail state ends the execution outside the Closer chain: ${route}.`,
        `Replace it with a Pass that records its Error and Cause in $.meta.error and ` +
          `$.meta.cause, sets $.meta.status = false and goes to ${closerName}.`,
      );
    default:
      return finding(
        'escapes-closer',
        node.path,
        `"End": true ends the execution outside the Closer chain: ${route}.`,
        `Replace "End": true with "Next": "${closerName}".`,
      );
  }
}

/**
 * States that can reach neither the chain nor an end loop forever. One finding per way into
 * such a loop, found through the search tree from StartAt, keeps this linear.
 */
function loopFindings(context: CheckContext, ends: readonly StateNode[]): Finding[] {
  const { root, reachesChain, paths, closerName } = context;
  const reachesEnd = statesThatReach(
    root,
    ends.map((node) => node.name),
  );
  const trapped = (name: string): boolean =>
    paths.has(name) && !reachesChain.has(name) && !reachesEnd.has(name);
  const findings: Finding[] = [];
  for (const node of root.states.values()) {
    const parent = paths.parent(node.name);
    if (!trapped(node.name) || (parent !== undefined && trapped(parent))) continue;
    findings.push(
      finding(
        'escapes-closer',
        node.path,
        `${node.name} can never reach ${closerName}: every path from it loops forever ` +
          `(${paths.describe(node.name)}).`,
        `Give the loop an exit (a Choice rule or Default, or a catcher) that leads to ${closerName}.`,
      ),
    );
  }
  return findings;
}
