import type { CloseRequest, ExecutionRef } from './CloseRequest.ts';
import { describeType } from './describeType.ts';
import { isJsonObject, type JsonObject, ownValue } from './jsonValue.ts';
import { readParent } from './readParent.ts';
import { readShims } from './readShims.ts';

/**
 * Reads the plain payload that the original `Closer:Send` passes (no `Parameters`: the state input
 * as it is): a standardized payload with the link at `meta.parent` and the execution at
 * `meta.name`/`meta.arn`. Never throws: what breaks the contract is listed in `problems`.
 *
 * @example
 * readPlainPayload({ meta: { status: false, parent: { token: 'AQB...' } } }).status; // { kind: 'false' }
 */
export function readPlainPayload(event: unknown): CloseRequest {
  if (!isJsonObject(event)) {
    return {
      payload: undefined,
      execution: {},
      parent: { kind: 'none' },
      status: { kind: 'invalid' },
      errors: undefined,
      problems: [`the event must be a JSON object, got ${describeType(event)}`],
    };
  }
  const errors = ownValue(event, 'errors');
  const meta = ownValue(event, 'meta');
  if (meta === undefined) {
    // A payload without `meta` is a standalone run that never opted in to shim instructions.
    return {
      payload: event,
      execution: {},
      parent: { kind: 'none' },
      status: { kind: 'absent' },
      errors,
      problems: [],
    };
  }
  if (!isJsonObject(meta)) {
    return {
      payload: event,
      execution: {},
      parent: { kind: 'none' },
      status: { kind: 'invalid' },
      errors,
      problems: [`meta must be an object, got ${describeType(meta)}`],
    };
  }
  const problems: string[] = [];
  const parent = readParent(ownValue(meta, 'parent'), 'meta.parent', problems);
  const shims = readShims(meta, problems);
  return { payload: event, execution: readExecution(meta), parent, errors, problems, ...shims };
}

function readExecution(meta: JsonObject): ExecutionRef {
  const name = ownValue(meta, 'name');
  const arn = ownValue(meta, 'arn');
  return {
    ...(typeof name === 'string' ? { name } : {}),
    ...(typeof arn === 'string' ? { arn } : {}),
  };
}
