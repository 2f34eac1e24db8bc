/**
 * Step Functions API limits the Closer enforces before calling AWS, so a violation becomes a clear,
 * named verdict instead of a refused call.
 */

/** `SendTaskSuccess.output`: valid JSON of at most 262,144 bytes of UTF-8, else `InvalidOutput`. */
export const OUTPUT_MAX_BYTES = 262_144;

/** `SendTaskFailure.error`: at most 256 characters. */
export const ERROR_MAX_CHARS = 256;

/** `SendTaskFailure.cause`: at most 32,768 characters. */
export const CAUSE_MAX_CHARS = 32_768;

/** `taskToken`: 1 to 2,048 characters. */
export const TOKEN_MIN_CHARS = 1;
export const TOKEN_MAX_CHARS = 2_048;
