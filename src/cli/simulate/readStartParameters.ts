import { isJsonObject, type Json } from '../check/Json.ts';
import { SimulatedTaskError } from './errors.ts';

/** What a `startExecution` Task asks for. */
export interface StartParameters {
  readonly stateMachineArn: string;
  readonly input: Json;
  readonly name?: string;
}

/**
 * Reads a `startExecution` Task's evaluated parameters: `StateMachineArn`, `Input` (an object, or
 * a JSON string, as `StartExecution` takes it; default `{}`) and the optional `Name`.
 *
 * @throws SimulatedTaskError when there is no `StateMachineArn`, or `Input` is a string that is
 *   not JSON.
 * @example
 * readStartParameters({ StateMachineArn: '${ChildStateMachineArn}', Input: '{"a":1}' });
 * // { stateMachineArn: '${ChildStateMachineArn}', input: { a: 1 } }
 */
export function readStartParameters(parameters: Json): StartParameters {
  if (!isJsonObject(parameters) || typeof parameters['StateMachineArn'] !== 'string') {
    throw new SimulatedTaskError(
      'States.Runtime',
      'startExecution needs a StateMachineArn string in its parameters.',
    );
  }
  const raw = parameters['Input'] ?? {};
  let input: Json = raw;
  if (typeof raw === 'string') {
    try {
      input = JSON.parse(raw) as Json;
    } catch {
      throw new SimulatedTaskError(
        'StepFunctions.InvalidExecutionInputException',
        'Input is a string that is not JSON.',
      );
    }
  }
  const name = parameters['Name'];
  return {
    stateMachineArn: parameters['StateMachineArn'],
    input,
    ...(typeof name === 'string' ? { name } : {}),
  };
}
