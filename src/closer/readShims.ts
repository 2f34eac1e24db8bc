import type { StatusClaim } from './CloseRequest.ts';
import { describeType } from './describeType.ts';
import { isJsonObject, type JsonObject, ownValue } from './jsonValue.ts';

/** The shim instructions a payload's `meta` carries (all optional). */
export interface Shims {
  readonly status: StatusClaim;
  readonly error?: string;
  readonly cause?: string;
  readonly outputPath?: string;
}

/**
 * Reads `meta.status`, `meta.error`, `meta.cause` and `meta.outputPath`, recording what breaks
 * the contract in `problems`.
 *
 * @example
 * readShims({ status: false, error: 'Order.Rejected' }, []).status; // { kind: 'false' }
 */
export function readShims(meta: JsonObject, problems: string[]): Shims {
  const status = readStatus(ownValue(meta, 'status'), problems);
  const error = readOptionalString(meta, 'error', problems);
  const cause = readOptionalString(meta, 'cause', problems);
  const outputPath = readOptionalString(meta, 'outputPath', problems);
  return {
    status,
    ...(error === undefined ? {} : { error }),
    ...(cause === undefined ? {} : { cause }),
    ...(outputPath === undefined ? {} : { outputPath }),
  };
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
