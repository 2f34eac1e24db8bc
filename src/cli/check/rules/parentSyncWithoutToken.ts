import type { Rule } from '../CheckContext.ts';
import { type Finding, finding } from '../Finding.ts';
import { parentPattern, passesToken, tokenLocation } from '../parentTasks.ts';
import { walkStates } from '../walkStates.ts';

/**
 * `parent-sync-without-token` (warning): a parent Task runs a child with
 * `startExecution.sync` or `startExecution.sync:2` (at any depth) but does not pass its task
 * token as `Input.meta.parent.token`. Nothing hangs: the Task ends when the child execution does
 * (and fails when it fails), and Step Functions stops the child when the Task times out, so no
 * timeout is needed. But the child's Closer cannot signal it, so what the Closer decides (the
 * output selected with `meta.outputPath`, the error name and cause of a failure) never reaches
 * the parent, which gets the child's raw execution result instead.
 */
export const parentSyncWithoutToken: Rule = ({ root }) => {
  const findings: Finding[] = [];
  for (const { node } of walkStates(root)) {
    if (parentPattern(node) !== 'sync' || passesToken(node)) continue;
    const { where, value } = tokenLocation(node);
    findings.push(
      finding(
        'parent-sync-without-token',
        node.path,
        `Task runs a child execution with .sync but does not pass its task token in ${where}: ` +
          "it still ends when the child does, but the child's Closer cannot signal it, so the " +
          "Closer's output selection and failure error names are not used.",
        `Set ${where} to ${value} (with meta.parent name and arn from the execution context).`,
      ),
    );
  }
  return findings;
};
