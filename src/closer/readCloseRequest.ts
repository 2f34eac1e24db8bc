import type { CloseRequest } from './CloseRequest.ts';
import { FRAMED_REQUEST_FIELD } from './framedRequestVersion.ts';
import { isJsonObject } from './jsonValue.ts';
import { readFramedRequest } from './readFramedRequest.ts';
import { readPlainPayload } from './readPlainPayload.ts';

/**
 * Reads one invocation's event into a `CloseRequest`. Two shapes, told apart by the explicit
 * `closerRequestVersion` field alone: the framed request of the current `Closer:Send`
 * (`readFramedRequest`), or the plain payload of the original one (`readPlainPayload`). Never
 * throws: whatever the event is, the problems are listed so the verdict can report them.
 *
 * @example
 * readCloseRequest({ meta: { status: false, parent: { token: 'AQB...' } } }).status; // { kind: 'false' }
 */
export function readCloseRequest(event: unknown): CloseRequest {
  return isJsonObject(event) && Object.hasOwn(event, FRAMED_REQUEST_FIELD)
    ? readFramedRequest(event)
    : readPlainPayload(event);
}
