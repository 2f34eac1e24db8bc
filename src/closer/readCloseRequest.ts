import { TOKEN_MAX_CHARS, TOKEN_MIN_CHARS } from './apiLimits.ts';
import type { CloseRequest, ExecutionRef, ParentLink, StatusClaim } from './CloseRequest.ts';
import { isJsonObject, type JsonObject, ownValue } from './jsonValue.ts';

/**
 * Reads the standardized payload into a `CloseRequest`. Never throws: whatever the event is
 * (a string, an array, `null`, a payload with a broken `meta`), the problems are listed so the
 * verdict can report them.
 *
 * @example
 * readCloseRequest({ meta: { status: false, parent: { token: 'AQB...' } } }).status; // { kind: 'false' }
 */
export function readCloseRequest(event: unknown): CloseRequest {
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
  const execution = readExecution(meta);
  const parent = readParent(meta, problems);
  const status = readStatus(ownValue(meta, 'status'), problems);
  const error = readOptionalString(meta, 'error', problems);
  const cause = readOptionalString(meta, 'cause', problems);
  const outputPath = readOptionalString(meta, 'outputPath', problems);
  return {
    payload: event,
    execution,
    parent,
    status,
    errors,
    problems,
    ...(error === undefined ? {} : { error }),
    ...(cause === undefined ? {} : { cause }),
    ...(outputPath === undefined ? {} : { outputPath }),
  };
}

function readExecution(meta: JsonObject): ExecutionRef {
  const name = ownValue(meta, 'name');
  const arn = ownValue(meta, 'arn');
  return {
    ...(typeof name === 'string' ? { name } : {}),
    ...(typeof arn === 'string' ? { arn } : {}),
  };
}

function readParent(meta: JsonObject, problems: string[]): ParentLink {
  const parent = ownValue(meta, 'parent');
  if (parent === undefined || parent === null) return { kind: 'none' };
  if (!isJsonObject(parent)) {
    problems.push(`meta.parent must be an object, got ${describeType(parent)}`);
    return { kind: 'none' };
  }
  const name = ownValue(parent, 'name');
  const arn = ownValue(parent, 'arn');
  const ids = {
    ...(typeof name === 'string' ? { name } : {}),
    ...(typeof arn === 'string' ? { arn } : {}),
  };
  const token = ownValue(parent, 'token');
  if (token === undefined || token === null) return { kind: 'none' };
  // taskToken: 1 to 2,048 characters (SendTaskSuccess/SendTaskFailure API reference).
  if (
    typeof token !== 'string' ||
    token.length < TOKEN_MIN_CHARS ||
    token.length > TOKEN_MAX_CHARS
  ) {
    problems.push(
      typeof token === 'string'
        ? `meta.parent.token must be ${TOKEN_MIN_CHARS} to ${TOKEN_MAX_CHARS} characters, got ${token.length}`
        : `meta.parent.token must be a string, got ${describeType(token)}`,
    );
    return { kind: 'malformed', ...ids };
  }
  return { kind: 'token', token, ...ids };
}

function readStatus(status: unknown, problems: string[]): StatusClaim {
  if (status === undefined) return { kind: 'absent' };
  if (status === true) return { kind: 'true' };
  if (status === false) return { kind: 'false' };
  if (isJsonObject(status)) {
    const message = ownValue(status, 'message');
    if (message === 'SUCCEEDED' || message === 'FAILED') {
      const error = ownValue(status, 'error');
      const cause = ownValue(status, 'cause');
      return {
        kind: 'result',
        message,
        ...(typeof error === 'string' && error !== '' ? { error } : {}),
        ...(typeof cause === 'string' && cause !== '' ? { cause } : {}),
      };
    }
  }
  problems.push(
    `meta.status must be absent, true, false or a Closer result ({"message":"SUCCEEDED"|"FAILED"}), got ${describeType(status)}`,
  );
  return { kind: 'invalid' };
}

/** An empty string counts as absent, matching the `meta.error || default` rule. */
function readOptionalString(meta: JsonObject, key: string, problems: string[]): string | undefined {
  const value = ownValue(meta, key);
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value === 'string') return value;
  problems.push(`meta.${key} must be a string, got ${describeType(value)}`);
  return undefined;
}

/** Names a value's JSON type without echoing the value (it may be large or sensitive). */
export function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `a string of ${value.length} characters`;
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'boolean' || typeof value === 'number') return String(value);
  return typeof value;
}
