/**
 * The field that marks a framed request (the one the current `Closer:Send` builds) and the version
 * it carries. A plain payload (the original `Closer:Send`, which passes the state input as it is)
 * has no such field; the two shapes are told apart by this field alone, never by guessing.
 */
export const FRAMED_REQUEST_FIELD = 'closerRequestVersion';

/** The only framed-request version this handler reads; any other is `SubStep.InvalidPayload`. */
export const FRAMED_REQUEST_VERSION = 1;
