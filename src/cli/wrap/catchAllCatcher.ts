import { errorKey } from '../check/errorKey.ts';
import type { JsonObject } from '../check/Json.ts';
import type { QueryLanguage } from '../check/parseDefinition.ts';
import { mergeInto } from './mergeInto.ts';

/**
 * The `States.ALL` catcher `wrap` adds: it keeps the payload, stores the error under
 * `$.errors.<State>` and goes to the mark-failed state.
 *
 * @example
 * catchAllCatcher('Charge', 'JSONPath', 'Closer:MarkFailed');
 * // { ErrorEquals: ['States.ALL'], ResultPath: '$.errors.Charge', Next: 'Closer:MarkFailed' }
 */
export function catchAllCatcher(
  stateName: string,
  queryLanguage: QueryLanguage,
  next: string,
): JsonObject {
  const key = errorKey(stateName);
  return queryLanguage === 'JSONata'
    ? {
        ErrorEquals: ['States.ALL'],
        Output: mergeInto('errors', `{'${key}': $states.errorOutput}`),
        Next: next,
      }
    : { ErrorEquals: ['States.ALL'], ResultPath: `$.errors.${key}`, Next: next };
}
