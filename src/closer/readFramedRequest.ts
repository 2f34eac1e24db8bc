import type { CloseRequest, ExecutionRef, StatusClaim } from './CloseRequest.ts';
import { describeType } from './describeType.ts';
import { FRAMED_REQUEST_FIELD, FRAMED_REQUEST_VERSION } from './framedRequestVersion.ts';
import { isJsonObject, type JsonObject, ownValue } from './jsonValue.ts';
import { readParent } from './readParent.ts';
import { readShims, type Shims } from './readShims.ts';

/**
 * Reads the framed request that the current `Closer:Send` builds:
 *
 * ```json
 * { "closerRequestVersion": 1, "payload": <the state input, any JSON>,
 *   "execution": { "id": "<execution ARN>", "name": "<name>" },
 *   "parent": <meta.parent of the execution input, or null>,
 *   "failed": <true when a caught failure marked the child>,
 *   "failure": <{Error, Cause} of a Fail state routed into the Closer, or null>,
 *   "errors": <caught errors by state name, or null> }
 * ```
 *
 * The link comes from the execution input, so no state on the way can drop it. The payload's own
 * `meta` (when the payload is an object that has one) still carries the shims: `meta.status`,
 * `meta.error`, `meta.cause`, `meta.outputPath`; its `meta.parent` is not read. A payload of any
 * other type has no shims. Never throws: what breaks the contract is listed in `problems`, and the
 * link is still read, so the parent is told.
 *
 * @example
 * readFramedRequest({ closerRequestVersion: 1, payload: [1, 2], parent: { token: 'AQB...' } })
 *   .parent.kind; // 'token'
 */
export function readFramedRequest(frame: JsonObject): CloseRequest {
  const problems: string[] = [];
  const version = ownValue(frame, FRAMED_REQUEST_FIELD);
  if (version !== FRAMED_REQUEST_VERSION) {
    problems.push(
      `${FRAMED_REQUEST_FIELD} must be ${FRAMED_REQUEST_VERSION}, got ${describeType(version)}: ` +
        'the Closer section is newer than this function; deploy the matching release',
    );
  }
  const parent = readParent(ownValue(frame, 'parent'), 'the execution input meta.parent', problems);
  // JSON has no undefined, so Step Functions never sends it; a direct call from JavaScript can,
  // and a payload key that holds it is as missing as an absent one (the parent is told).
  const given = ownValue(frame, 'payload');
  if (given === undefined) problems.push('the framed request has no payload');
  const payload = given === undefined ? null : given;
  const shims = readPayloadShims(payload, problems);
  const failure = readFailure(ownValue(frame, 'failure'));
  const error = shims.error ?? failure.error;
  const cause = shims.cause ?? failure.cause;
  return {
    payload,
    execution: readExecution(ownValue(frame, 'execution')),
    parent,
    status: ownValue(frame, 'failed') === true ? markedFailed(shims.status) : shims.status,
    errors: mergeErrors(
      isJsonObject(payload) ? ownValue(payload, 'errors') : undefined,
      ownValue(frame, 'errors'),
    ),
    problems,
    ...(error === undefined ? {} : { error }),
    ...(cause === undefined ? {} : { cause }),
    ...(shims.outputPath === undefined ? {} : { outputPath: shims.outputPath }),
  };
}

function readPayloadShims(payload: unknown, problems: string[]): Shims {
  if (!isJsonObject(payload)) return { status: { kind: 'absent' } };
  const meta = ownValue(payload, 'meta');
  if (meta === undefined || meta === null) return { status: { kind: 'absent' } };
  if (!isJsonObject(meta)) {
    problems.push(`meta must be an object, got ${describeType(meta)}`);
    return { status: { kind: 'invalid' } };
  }
  return readShims(meta, problems);
}

/**
 * The mark-failed step ran: the child failed, whatever `meta.status` said before, as the original
 * mark-failed step's `meta.status = false` did. An invalid status stays invalid (it is reported).
 */
function markedFailed(status: StatusClaim): StatusClaim {
  return status.kind === 'invalid' ? status : { kind: 'false' };
}

function readFailure(failure: unknown): { error?: string; cause?: string } {
  if (!isJsonObject(failure)) return {};
  const error = ownValue(failure, 'Error');
  const cause = ownValue(failure, 'Cause');
  return {
    ...(typeof error === 'string' && error !== '' ? { error } : {}),
    ...(typeof cause === 'string' && cause !== '' ? { cause } : {}),
  };
}

function readExecution(execution: unknown): ExecutionRef {
  if (!isJsonObject(execution)) return {};
  const id = ownValue(execution, 'id');
  const name = ownValue(execution, 'name');
  return {
    ...(typeof name === 'string' ? { name } : {}),
    ...(typeof id === 'string' ? { arn: id } : {}),
  };
}

/** The payload's own `errors` and the ones the Closer section caught; nothing is dropped. */
function mergeErrors(fromPayload: unknown, caught: unknown): unknown {
  if (caught === undefined || caught === null) return fromPayload;
  if (fromPayload === undefined || fromPayload === null) return caught;
  if (isJsonObject(fromPayload) && isJsonObject(caught)) return { ...fromPayload, ...caught };
  return { payload: fromPayload, caught };
}
