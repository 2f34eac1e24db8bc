import { isJsonObject, type Json } from '../check/Json.ts';

/**
 * The event an `arn:aws:states:::lambda:invoke` Task sends its function: the `Payload` parameter.
 *
 * @example
 * payloadOf({ FunctionName: 'Work', Payload: { id: 7 } }); // { id: 7 }
 */
export function payloadOf(parameters: Json): Json {
  return isJsonObject(parameters) ? (parameters['Payload'] ?? {}) : {};
}

/**
 * The result of an `arn:aws:states:::lambda:invoke` Task: the function's result wrapped in
 * `Payload`, with the response metadata a state machine may read.
 *
 * @example
 * invokeResult({ ok: true }); // { ExecutedVersion: '$LATEST', Payload: { ok: true }, StatusCode: 200 }
 */
export function invokeResult(result: Json): Json {
  return { ExecutedVersion: '$LATEST', Payload: result, StatusCode: 200 };
}
