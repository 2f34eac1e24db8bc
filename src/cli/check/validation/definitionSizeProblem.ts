/** Step Functions' limit on a state machine definition: 1 MB ("Step Functions service quotas"). */
export const DEFINITION_LIMIT_BYTES = 1024 * 1024;

/**
 * The problem line for a definition over Step Functions' 1 MB limit, or undefined when it fits.
 * Counts UTF-8 bytes of the text as it would be sent. `what` names the thing measured, for
 * `wrap`'s "output would exceed 1 MB".
 *
 * @example
 * const problem = definitionSizeProblem(text); // 'The definition is 1,200,000 bytes; ...'
 * definitionSizeProblem(output, 'The wrapped definition would be');
 */
export function definitionSizeProblem(
  text: string | Uint8Array,
  what = 'The definition is',
): string | undefined {
  const bytes = typeof text === 'string' ? Buffer.byteLength(text, 'utf8') : text.byteLength;
  if (bytes <= DEFINITION_LIMIT_BYTES) return undefined;
  return (
    `${what} ${bytes.toLocaleString('en-US')} bytes, over Step Functions' limit of ` +
    `${DEFINITION_LIMIT_BYTES.toLocaleString('en-US')} bytes (1 MB). Fix: move large constants ` +
    'out of the definition (into the input, S3 or a Lambda), or split it into child state machines.'
  );
}
