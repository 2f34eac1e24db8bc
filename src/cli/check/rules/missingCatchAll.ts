import type { Rule } from '../CheckContext.ts';
import { errorKey } from '../errorKey.ts';
import { type Finding, finding } from '../Finding.ts';

const CATCHING_TYPES: ReadonlySet<string> = new Set(['Task', 'Parallel', 'Map']);

/**
 * `missing-catch-all`: a top-level Task, Parallel or Map outside the Closer chain has no
 * `States.ALL` catcher, or its catcher leads to states that never reach the chain. (Nested states
 * need none: the enclosing Parallel or Map catches for them.)
 */
export const missingCatchAll: Rule = ({ chain, root, closerName, reachesChain, inChain }) => {
  if (chain.kind === 'missing') return [];
  const findings: Finding[] = [];
  for (const node of root.states.values()) {
    if (!CATCHING_TYPES.has(node.type) || inChain(node)) continue;
    const catchAll = node.catchers.find((catcher) => catcher.errorEquals.includes('States.ALL'));
    const fix =
      `Add {"ErrorEquals": ["States.ALL"], "ResultPath": "$.errors.${errorKey(node.name)}", ` +
      `"Next": ...} as its last catcher, leading through a state that sets $.meta.status = false ` +
      `into ${closerName} (\`sub-step-closer wrap\` does this).`;
    if (catchAll === undefined) {
      findings.push(
        finding(
          'missing-catch-all',
          node.path,
          `${node.type} has no States.ALL catcher: an error it does not catch fails the ` +
            `execution without passing through ${closerName}, so a parent is never signalled.`,
          fix,
        ),
      );
    } else if (!reachesChain.has(catchAll.next)) {
      findings.push(
        finding(
          'missing-catch-all',
          node.path,
          `${node.type}'s States.ALL catcher goes to ${catchAll.next}, which never reaches ` +
            `${closerName}.`,
          `Point the catcher's Next at a state that leads into ${closerName}.`,
        ),
      );
    }
  }
  return findings;
};
