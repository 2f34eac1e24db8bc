import { FRAMED_REQUEST_FIELD, FRAMED_REQUEST_VERSION } from '../../closer/framedRequestVersion.ts';
import { isJsonObject, type Json, type JsonObject } from '../check/Json.ts';
import { CloserVariable } from './closerVariables.ts';

/**
 * Whether a Closer Task is the current one: it sends the framed request (which takes the parent
 * link from the execution input). Anything else reads the link from the payload: the original
 * `Closer:Send` (no Parameters, `ResultPath: $.meta.status`) or an earlier JSONata one.
 *
 * @example
 * isCurrentCloserSend(closerStates({ closerArn })['Closer:Send']); // true
 */
export function isCurrentCloserSend(state: Json | undefined): boolean {
  if (!isJsonObject(state)) return false;
  const args = state['Arguments'];
  return isJsonObject(args) && args[FRAMED_REQUEST_FIELD] === FRAMED_REQUEST_VERSION;
}

/** The Retry the original pattern recommended for `Closer:Send`; it retries refusals too. */
const ORIGINAL_RETRY: JsonObject = {
  ErrorEquals: ['States.ALL'],
  IntervalSeconds: 5,
  MaxAttempts: 3,
  BackoffRate: 2.1,
};

/**
 * Upgrades an earlier Closer Task to the current one (`template`), keeping what the user added:
 * its `Resource` (the function they deployed), `Comment` and `TimeoutSeconds`, its own retriers
 * (before the template's, except the original pattern's `States.ALL` one, which would retry a
 * refused signal and which the template's replaces; a `States.ALL` retrier of theirs stays last,
 * as Amazon States Language requires), its own catchers (rewritten for a JSONata state: they keep
 * the payload and record the error in a variable), and the target of its catch-all when that state
 * exists. JSONPath data fields go: the framed request replaces them.
 *
 * @example
 * upgradeCloserSend(seedCloserSend, template, (name) => name in states);
 */
export function upgradeCloserSend(
  existing: JsonObject,
  template: JsonObject,
  stateExists: (name: string) => boolean,
): JsonObject {
  const upgraded: JsonObject = { ...template };
  if (typeof existing['Resource'] === 'string') upgraded['Resource'] = existing['Resource'];
  if (typeof existing['Comment'] === 'string') upgraded['Comment'] = existing['Comment'];
  if (typeof existing['TimeoutSeconds'] === 'number')
    upgraded['TimeoutSeconds'] = existing['TimeoutSeconds'];

  const templateRetry = listOf(template['Retry']);
  const ownRetry = listOf(existing['Retry']).filter(
    (retrier) =>
      !templateRetry.some((known) => sameJson(known, retrier)) &&
      !sameJson(retrier, ORIGINAL_RETRY),
  );
  const catchesAll = (item: Json) =>
    isJsonObject(item) &&
    Array.isArray(item['ErrorEquals']) &&
    item['ErrorEquals'].includes('States.ALL');
  upgraded['Retry'] = [
    ...ownRetry.filter((retrier) => !catchesAll(retrier)),
    ...templateRetry,
    ...ownRetry.filter(catchesAll),
  ];

  const [templateCatchAll] = listOf(template['Catch']);
  const ownCatch = listOf(existing['Catch']);
  const ownCatchAll = ownCatch.find(catchesAll);
  const catchAllNext =
    isJsonObject(ownCatchAll) &&
    typeof ownCatchAll['Next'] === 'string' &&
    stateExists(ownCatchAll['Next'])
      ? { Next: ownCatchAll['Next'] }
      : {};
  upgraded['Catch'] = [
    ...ownCatch.filter((catcher) => !catchesAll(catcher)).map(asJsonataCatcher),
    ...(isJsonObject(templateCatchAll) ? [{ ...templateCatchAll, ...catchAllNext }] : []),
  ];
  return upgraded;
}

/** A JSONPath catcher as a JSONata state needs it: no ResultPath, the payload kept, the error recorded. */
function asJsonataCatcher(catcher: Json): Json {
  if (!isJsonObject(catcher)) return catcher;
  const { ResultPath: _, Output: __, Assign: ___, ...kept } = catcher;
  return {
    ...kept,
    Assign: { [CloserVariable.closerError]: '{% $states.errorOutput %}' },
    Output: '{% $states.input %}',
  };
}

function listOf(value: Json | undefined): Json[] {
  return Array.isArray(value) ? value : [];
}

function sameJson(a: Json, b: Json): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
