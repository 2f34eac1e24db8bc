import type { JsonObject } from '../check/Json.ts';
import type { QueryLanguage } from '../check/parseDefinition.ts';
import { CloserVariable as V } from './closerVariables.ts';

/**
 * What a catch-all adds to record its error for the Closer: the error output and the failing
 * state's name, in variables, so nothing has to fit into the payload. In a catcher, JSONPath's
 * `$` is the error output (`{Error, Cause}`) and `$$` the context object; JSONata reads
 * `$states.errorOutput`.
 *
 * @example
 * caughtErrorAssign('JSONPath'); // { 'subStepCaught.$': '$', 'subStepCaughtState.$': '$$.State.Name' }
 */
export function caughtErrorAssign(queryLanguage: QueryLanguage): JsonObject {
  return queryLanguage === 'JSONata'
    ? {
        [V.caught]: '{% $states.errorOutput %}',
        [V.caughtState]: '{% $states.context.State.Name %}',
      }
    : { [`${V.caught}.$`]: '$', [`${V.caughtState}.$`]: '$$.State.Name' };
}

/**
 * The `States.ALL` catcher `wrap` adds: it keeps the state's input as it is, whatever its JSON
 * type (JSONPath `ResultPath: null`; JSONata's `Output` of `$states.input`), records the error in
 * variables (see `caughtErrorAssign`) and goes to the mark-failed state.
 *
 * @example
 * catchAllCatcher('JSONPath', 'Closer:MarkFailed');
 * // { ErrorEquals: ['States.ALL'], ResultPath: null, Assign: {...}, Next: 'Closer:MarkFailed' }
 */
export function catchAllCatcher(queryLanguage: QueryLanguage, next: string): JsonObject {
  return queryLanguage === 'JSONata'
    ? {
        ErrorEquals: ['States.ALL'],
        Assign: caughtErrorAssign(queryLanguage),
        Output: '{% $states.input %}',
        Next: next,
      }
    : {
        ErrorEquals: ['States.ALL'],
        ResultPath: null,
        Assign: caughtErrorAssign(queryLanguage),
        Next: next,
      };
}
