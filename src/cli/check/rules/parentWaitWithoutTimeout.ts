import type { Rule } from '../CheckContext.ts';
import { type Finding, finding } from '../Finding.ts';
import { parentPattern, passesToken, tokenLocation } from '../parentTasks.ts';
import type { StateNode } from '../parseDefinition.ts';
import { walkStates } from '../walkStates.ts';

/**
 * `parent-wait-without-timeout`: a parent Task that starts a child and waits for its token
 * (`startExecution.waitForTaskToken`, at any depth) must
 * (1) set `TimeoutSeconds` or `TimeoutSecondsPath` (a JSONata `TimeoutSeconds` expression counts),
 *     because some child failures can never signal it (States.Runtime, States.DataLimitExceeded,
 *     an execution timeout, an abort) and Step Functions then waits for up to a year.
 *     `HeartbeatSeconds` alone does not do: nothing in this pattern sends heartbeats, so it only
 *     fails a healthy wait with States.HeartbeatTimeout; and
 * (2) pass its token as `Input.meta.parent.token`, where the child's Closer looks for it.
 * The `.sync` patterns need no timeout: see `parent-sync-without-token`.
 */
export const parentWaitWithoutTimeout: Rule = ({ root }) => {
  const findings: Finding[] = [];
  for (const { node } of walkStates(root)) {
    if (parentPattern(node) !== 'waitForTaskToken') continue;
    const timeout = timeoutFinding(node);
    if (timeout !== undefined) findings.push(timeout);
    if (!passesToken(node)) findings.push(tokenFinding(node));
  }
  return findings;
};

function timeoutFinding(node: StateNode): Finding | undefined {
  const { raw } = node;
  if (raw['TimeoutSeconds'] !== undefined || raw['TimeoutSecondsPath'] !== undefined) {
    return undefined;
  }
  const fix = 'Set "TimeoutSeconds" (or "TimeoutSecondsPath") to the longest the child may run';
  if (raw['HeartbeatSeconds'] !== undefined || raw['HeartbeatSecondsPath'] !== undefined) {
    return finding(
      'parent-wait-without-timeout',
      node.path,
      'Task waits for a child execution with HeartbeatSeconds but no TimeoutSeconds: nothing in ' +
        "this pattern sends heartbeats (the child's Closer sends only SendTaskSuccess or " +
        'SendTaskFailure), so HeartbeatSeconds does not bound the child: it fails the Task with ' +
        'States.HeartbeatTimeout once that long has passed, however well the child is doing.',
      `${fix}, and remove "HeartbeatSeconds" unless something calls SendTaskHeartbeat.`,
    );
  }
  return finding(
    'parent-wait-without-timeout',
    node.path,
    'Task waits for a child execution with no TimeoutSeconds: if the child fails where no ' +
      'Catch can see it, this Task waits for up to a year.',
    `${fix}.`,
  );
}

function tokenFinding(node: StateNode): Finding {
  const { where, value } = tokenLocation(node);
  return finding(
    'parent-wait-without-timeout',
    node.path,
    `Task waits for a child execution but does not pass its task token in ${where}: the ` +
      "child's Closer cannot signal it, so it waits until it times out.",
    `Set ${where} to ${value} (with meta.parent name and arn from the execution context).`,
  );
}
