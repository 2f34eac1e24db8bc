import { isJsonObject, type JsonObject } from '../check/Json.ts';
import type { SimConfig, TaskMapping } from './SimConfig.ts';

/**
 * How a Task that starts a child execution waits, by its Resource (Step Functions service
 * integration patterns): not at all (`request`: plain `startExecution`, which returns once the
 * child started), for the task token (`.waitForTaskToken`), or for the child execution to end
 * (`.sync`, whose result carries the child's output as a JSON string, and `.sync:2`, which
 * parses it).
 */
export type StartExecutionPattern = 'request' | 'waitForTaskToken' | 'sync' | 'sync:2';

/**
 * `arn:<partition>:states:::states:startExecution[.suffix]`. The partition may be `aws`,
 * `aws-cn`, `aws-us-gov`, or a template placeholder such as `${AWS::Partition}`.
 */
const START_EXECUTION =
  /^arn:(?:\$\{[^}]+\}|[^:]+):states:::states:startExecution(\.waitForTaskToken|\.sync(?::2)?)?$/;

function startExecutionPattern(resource: string): StartExecutionPattern | undefined {
  const match = START_EXECUTION.exec(resource);
  if (match === null) return undefined;
  const suffix = match[1];
  return suffix === undefined ? 'request' : (suffix.slice(1) as StartExecutionPattern);
}

/** The optimized Lambda integration, whose result wraps the function's in `Payload`. */
const LAMBDA_INVOKE = 'arn:aws:states:::lambda:invoke';

/** What the simulator runs for a Task state. */
export type TaskTarget =
  /**
   * Start the child the parameters name and wait: for the task token, or (`.sync`, `.sync:2`)
   * for the token or the child's end, whichever comes first.
   */
  | { readonly kind: 'startExecution'; readonly pattern: StartExecutionPattern }
  /** Run the built SubStepCloser handler in the simulated Lambda container. */
  | {
      readonly kind: 'closer';
      readonly functionName: string;
      readonly functionArn: string;
      readonly lambdaInvoke: boolean;
    }
  /** Run what the config maps the Task to. */
  | {
      readonly kind: 'local';
      readonly mapping: TaskMapping;
      readonly key: string;
      readonly lambdaInvoke: boolean;
    };

/** The function ARN the Closer container reports when the Task names no concrete ARN. */
export const PLACEHOLDER_CLOSER_ARN =
  'arn:aws:lambda:us-east-1:123456789012:function:SubStepCloser';

/**
 * Decides what runs for a Task. The first rule that matches wins:
 * 1. `Resource` is `arn:aws:states:::states:startExecution`, alone or with `.waitForTaskToken`,
 *    `.sync` or `.sync:2` (in any partition): a child execution, unless `tasks` has an entry
 *    for the state name or that exact `Resource`.
 * 2. A `tasks` entry keyed by the state name, the `Resource`, or the Lambda function name.
 * 3. A `closer` entry equal to the state name, the `Resource`, or the Lambda function name.
 * For `arn:aws:states:::lambda:invoke` Tasks, the literal `FunctionName` parameter stands in for
 * the Resource. Returns `undefined` when nothing matches: the Task cannot run locally.
 *
 * @example
 * resolveTaskTarget('Closer:Send', { Type: 'Task', Resource: '${CloserFunctionArn}' }, config);
 * // { kind: 'closer', functionName: 'SubStepCloser', ... }
 */
export function resolveTaskTarget(
  stateName: string,
  state: JsonObject,
  config: Pick<SimConfig, 'tasks' | 'closer'>,
): TaskTarget | undefined {
  const resource = typeof state['Resource'] === 'string' ? state['Resource'] : '';
  const pattern = startExecutionPattern(resource);
  if (pattern !== undefined && !config.tasks.has(stateName) && !config.tasks.has(resource)) {
    return { kind: 'startExecution', pattern };
  }
  const lambdaInvoke = resource === LAMBDA_INVOKE;
  const functionRef = lambdaInvoke ? literalFunctionName(state) : resource;
  const keys = [stateName, resource, functionRef, lambdaFunctionName(functionRef)].filter(
    (key): key is string => key !== undefined && key !== '',
  );
  for (const key of keys) {
    const mapping = config.tasks.get(key);
    if (mapping !== undefined) return { kind: 'local', mapping, key, lambdaInvoke };
  }
  if (keys.some((key) => config.closer.includes(key))) {
    const arn = functionRef?.startsWith('arn:aws:lambda:') ? functionRef : PLACEHOLDER_CLOSER_ARN;
    return {
      kind: 'closer',
      functionName: lambdaFunctionName(arn) ?? 'SubStepCloser',
      functionArn: arn,
      lambdaInvoke,
    };
  }
  return undefined;
}

/**
 * The function name in a Lambda ARN or a partial one (`function:Name`), without a version or
 * alias; `undefined` for anything else.
 *
 * @example
 * lambdaFunctionName('arn:aws:lambda:us-west-2:123456789012:function:SubStepCloser:live'); // 'SubStepCloser'
 */
export function lambdaFunctionName(reference: string | undefined): string | undefined {
  return reference?.match(/(?:^|:)function:([A-Za-z0-9_-]+)/)?.[1];
}

/** `Parameters.FunctionName` or `Arguments.FunctionName` when it is a literal, not a path. */
function literalFunctionName(state: JsonObject): string | undefined {
  for (const field of ['Parameters', 'Arguments']) {
    const parameters = state[field];
    if (!isJsonObject(parameters)) continue;
    const name = parameters['FunctionName'];
    if (typeof name === 'string' && !name.startsWith('{%')) return name;
  }
  return undefined;
}
