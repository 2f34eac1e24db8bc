import type { Rule } from '../CheckContext.ts';
import { type Finding, finding } from '../Finding.ts';
import { isJsonObject, type Json } from '../Json.ts';
import type { StateNode } from '../parseDefinition.ts';
import { walkStates } from '../walkStates.ts';

/** `arn:aws:states:::states:startExecution.waitForTaskToken` in any partition. */
const START_CHILD_AND_WAIT = /^arn:[\w-]+:states:::states:startExecution\.waitForTaskToken$/;

const TIMEOUT_FIELDS = [
  'TimeoutSeconds',
  'HeartbeatSeconds',
  'TimeoutSecondsPath',
  'HeartbeatSecondsPath',
];

const JSONPATH_TOKEN = '$$.Task.Token';
const JSONATA_TOKEN = '{% $states.context.Task.Token %}';

/**
 * `parent-wait-without-timeout`: a parent Task that starts a child and waits for its token must
 * (1) set a timeout or heartbeat, because some child failures can never signal it (States.Runtime,
 * States.DataLimitExceeded, an execution timeout, an abort), and (2) pass its token as
 * `Input.meta.parent.token`, where the child's Closer looks for it.
 */
export const parentWaitWithoutTimeout: Rule = ({ root }) => {
  const findings: Finding[] = [];
  for (const { node } of walkStates(root)) {
    const resource = node.raw['Resource'];
    if (node.type !== 'Task' || typeof resource !== 'string') continue;
    if (!START_CHILD_AND_WAIT.test(resource)) continue;
    if (!TIMEOUT_FIELDS.some((field) => node.raw[field] !== undefined)) {
      findings.push(
        finding(
          'parent-wait-without-timeout',
          node.path,
          'Task waits for a child execution with neither TimeoutSeconds nor HeartbeatSeconds: ' +
            'if the child fails where no Catch can see it, this Task waits for up to a year.',
          'Set "TimeoutSeconds" (or "HeartbeatSeconds") to the longest the child may run.',
        ),
      );
    }
    if (!passesToken(node)) findings.push(tokenFinding(node));
  }
  return findings;
};

function passesToken(node: StateNode): boolean {
  if (node.queryLanguage === 'JSONata') {
    const token = dig(node.raw['Arguments'], ['Input', 'meta', 'parent', 'token']);
    // Whitespace inside {% %} is not significant.
    return typeof token === 'string' && squeeze(token) === squeeze(JSONATA_TOKEN);
  }
  const token = dig(node.raw['Parameters'], ['Input', 'meta', 'parent', 'token.$']);
  return token === JSONPATH_TOKEN;
}

function tokenFinding(node: StateNode): Finding {
  const [where, value] =
    node.queryLanguage === 'JSONata'
      ? ['Arguments.Input.meta.parent.token', `"${JSONATA_TOKEN}"`]
      : ['Parameters.Input.meta.parent["token.$"]', `"${JSONPATH_TOKEN}"`];
  return finding(
    'parent-wait-without-timeout',
    node.path,
    `Task waits for a child execution but does not pass its task token in ${where}: the ` +
      "child's Closer cannot signal it, so it waits until it times out.",
    `Set ${where} to ${value} (with meta.parent name and arn from the execution context).`,
  );
}

function dig(value: Json | undefined, keys: readonly string[]): Json | undefined {
  let current = value;
  for (const key of keys) {
    if (!isJsonObject(current)) return undefined;
    current = current[key];
  }
  return current;
}

function squeeze(text: string): string {
  return text.replace(/\s+/g, '');
}
