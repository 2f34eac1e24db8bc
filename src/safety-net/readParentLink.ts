import type { ParentLink } from '../closer/CloseRequest.ts';
import { isJsonObject, ownValue } from '../closer/jsonValue.ts';
import { readParent } from '../closer/readParent.ts';

/** The parent named in a child's execution input, or why the input could not be read. */
export type InputParent = ParentLink | { readonly kind: 'unreadable'; readonly problem: string };

/**
 * Finds `meta.parent` in a child's execution input (JSON text). Pure. The token is validated
 * exactly as the Closer validates it (`readParent`: 1 to 2,048 characters), so the safety
 * net never sends what the Closer would refuse to send.
 *
 * @example
 * readParentLink('{"meta":{"parent":{"token":"AQB..."}}}').kind; // 'token'
 * readParentLink('{"orderId":"o-42"}').kind; // 'none'
 */
export function readParentLink(inputJson: string): InputParent {
  let input: unknown;
  try {
    input = JSON.parse(inputJson);
  } catch (error) {
    // Step Functions only accepts JSON input, so this means a damaged event (or nesting deeper
    // than the stack). Name the error only: its message may quote the input.
    return {
      kind: 'unreadable',
      problem: `the execution input is not readable JSON (${error instanceof Error ? error.name : 'unknown error'})`,
    };
  }
  const meta = isJsonObject(input) ? ownValue(input, 'meta') : undefined;
  return isJsonObject(meta)
    ? readParent(ownValue(meta, 'parent'), 'meta.parent', [])
    : { kind: 'none' };
}
