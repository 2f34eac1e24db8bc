import { FRAMED_REQUEST_FIELD } from '../../closer/framedRequestVersion.ts';
import { isJsonObject } from './Json.ts';
import type { StateNode } from './parseDefinition.ts';

/**
 * Whether the Closer Task sends the framed request (the shape `closerStates` writes): its
 * `Arguments` (JSONata) or `Parameters` (JSONPath) object carries `closerRequestVersion`. The
 * Closer Lambda tells the two shapes apart by that field alone, and so does `check`. A framed
 * request reads the parent link from the execution input (`$states.context.Execution.Input`),
 * which no state can change; any other shape (no `Arguments`, `"{% $states.input %}"`, the
 * seed's JSONPath Task without `Parameters`) hands the Lambda the payload, which must then still
 * hold `meta.parent` when the Closer runs.
 *
 * @example
 * isFramedCloser(root.states.get('Closer:Send')); // true for `closerStates` output
 */
export function isFramedCloser(closer: StateNode): boolean {
  return [closer.raw['Arguments'], closer.raw['Parameters']].some(
    (request) =>
      isJsonObject(request) &&
      (Object.hasOwn(request, FRAMED_REQUEST_FIELD) ||
        Object.hasOwn(request, `${FRAMED_REQUEST_FIELD}.$`)),
  );
}
