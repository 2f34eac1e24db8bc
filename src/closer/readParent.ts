import { TOKEN_MAX_CHARS, TOKEN_MIN_CHARS } from './apiLimits.ts';
import type { ParentLink } from './CloseRequest.ts';
import { describeType } from './describeType.ts';
import { isJsonObject, ownValue } from './jsonValue.ts';

/**
 * Reads a parent link (`{ name, arn, token }`) wherever it came from: `meta.parent` of a plain
 * payload, or the execution input's `meta.parent` in a framed request. `label` names the field in
 * the problems it records. Absent or `null` (the link or its token) is a standalone run.
 *
 * @example
 * readParent({ token: 'AQB...' }, 'meta.parent', problems).kind; // 'token'
 */
export function readParent(parent: unknown, label: string, problems: string[]): ParentLink {
  if (parent === undefined || parent === null) return { kind: 'none' };
  if (!isJsonObject(parent)) {
    problems.push(`${label} must be an object, got ${describeType(parent)}`);
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
        ? `${label}.token must be ${TOKEN_MIN_CHARS} to ${TOKEN_MAX_CHARS} characters, got ${token.length}`
        : `${label}.token must be a string, got ${describeType(token)}`,
    );
    return { kind: 'malformed', ...ids };
  }
  return { kind: 'token', token, ...ids };
}
