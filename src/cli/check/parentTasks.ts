import { isJsonObject, type Json } from './Json.ts';
import type { StateNode } from './parseDefinition.ts';
import { jsonataExpression } from './stateFields.ts';

/**
 * How a parent Task runs a child execution:
 * - `waitForTaskToken` (`arn:<partition>:states:::states:startExecution.waitForTaskToken`): the
 *   Task ends only when someone calls SendTaskSuccess or SendTaskFailure with its token (or it
 *   times out);
 * - `sync` (`startExecution.sync`, `startExecution.sync:2`): the Task also ends by itself when
 *   the child execution ends, and Step Functions stops the child when the Task times out or is
 *   stopped. A token still lets the Closer end it first, with the output or error it chose
 *   (SendTaskSuccess accepts the token of "Task states using the job run pattern" too).
 */
export type ParentPattern = 'waitForTaskToken' | 'sync';

// The partition may be a template placeholder (`${AWS::Partition}`), as definitions in
// CloudFormation and SAM templates write it.
const START_CHILD =
  /^arn:(?:\$\{[^}]+\}|[\w-]+):states:::states:startExecution\.(?:(waitForTaskToken)|sync(?::2)?)$/;

/**
 * The pattern of a Task that starts a child execution, or undefined for any other state.
 *
 * @example
 * parentPattern(node); // 'sync' for "arn:aws:states:::states:startExecution.sync:2"
 */
export function parentPattern(node: StateNode): ParentPattern | undefined {
  const resource = node.raw['Resource'];
  if (node.type !== 'Task' || typeof resource !== 'string') return undefined;
  const match = START_CHILD.exec(resource);
  if (match === null) return undefined;
  return match[1] === undefined ? 'sync' : 'waitForTaskToken';
}

const JSONPATH_TOKEN = '$$.Task.Token';
const JSONATA_TOKEN_PATH = '$states.context.Task.Token';
const JSONATA_TOKEN = `{% ${JSONATA_TOKEN_PATH} %}`;

/**
 * Whether the Task passes its task token as `Input.meta.parent.token`, where the child's Closer
 * looks for it: JSONPath `Parameters.Input.meta.parent["token.$"]` of `$$.Task.Token`; JSONata
 * `Arguments.Input.meta.parent.token` of `{% $states.context.Task.Token %}` (whitespace inside
 * `{% %}` is not significant). A JSONata `Arguments` or `Arguments.Input` written as one
 * expression is accepted when it mentions `$states.context.Task.Token`: `check` does not
 * evaluate JSONata, and such an input is the author's deliberate choice.
 *
 * @example
 * passesToken(node); // false when Input has no meta.parent.token
 */
export function passesToken(node: StateNode): boolean {
  if (node.queryLanguage === 'JSONata') {
    const args = node.raw['Arguments'];
    for (const whole of [args, dig(args, ['Input'])]) {
      const expression = jsonataExpression(whole);
      if (expression !== undefined && squeeze(expression).includes(JSONATA_TOKEN_PATH)) {
        return true;
      }
    }
    const token = dig(args, ['Input', 'meta', 'parent', 'token']);
    return typeof token === 'string' && squeeze(token) === squeeze(JSONATA_TOKEN);
  }
  const token = dig(node.raw['Parameters'], ['Input', 'meta', 'parent', 'token.$']);
  return token === JSONPATH_TOKEN;
}

/** Where the token goes and what to write there, in the Task's query language. */
export function tokenLocation(node: StateNode): { readonly where: string; readonly value: string } {
  return node.queryLanguage === 'JSONata'
    ? { where: 'Arguments.Input.meta.parent.token', value: `"${JSONATA_TOKEN}"` }
    : { where: 'Parameters.Input.meta.parent["token.$"]', value: `"${JSONPATH_TOKEN}"` };
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
