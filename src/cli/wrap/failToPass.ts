import type { JsonObject } from '../check/Json.ts';
import type { QueryLanguage } from '../check/parseDefinition.ts';
import { CloserVariable as V } from './closerVariables.ts';

/**
 * Turns a Fail state into a Pass that records its Error and Cause as the child's failure (the
 * `subStepFailure` variable) and goes to `next` (the mark-failed state), so the failure reaches
 * the Closer and the parent receives the same error name. A variable holds the failure whatever
 * the payload's type, and the payload passes on unchanged.
 *
 * The fields carry over as they are: a literal `Error`/`Cause`, a JSONPath `ErrorPath`/`CausePath`
 * (a path or an intrinsic function, both of which `Assign` evaluates as `Error.$`/`Cause.$`), or a
 * JSONata expression, evaluated against the same input the Fail state would have read.
 *
 * @example
 * failToPass({ Type: 'Fail', Error: 'Order.Rejected' }, 'JSONPath', 'Closer:MarkFailed');
 * // { Type: 'Pass', Assign: { subStepFailure: { Error: 'Order.Rejected' } }, Next: 'Closer:MarkFailed' }
 */
export function failToPass(
  fail: JsonObject,
  queryLanguage: QueryLanguage,
  next: string,
): JsonObject {
  const kept: JsonObject = {};
  for (const field of ['Comment', 'QueryLanguage']) {
    const value = fail[field];
    if (value !== undefined) kept[field] = value;
  }
  const failure: JsonObject = {};
  for (const field of ['Error', 'Cause']) {
    const literal = fail[field];
    const path = fail[`${field}Path`];
    if (typeof literal === 'string') failure[field] = literal;
    else if (queryLanguage === 'JSONPath' && typeof path === 'string') failure[`${field}.$`] = path;
  }
  return { ...kept, Type: 'Pass', Assign: { [V.failure]: failure }, Next: next };
}
