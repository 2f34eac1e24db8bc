import { parseReferencePath } from '../../closer/selectOutput.ts';
import { isJsonObject, type Json, type JsonObject } from '../check/Json.ts';
import { SimulatedTaskError } from './errors.ts';

/** What a JSONPath `Assign` reads: `$` (the state's data), `$$` (the context) and variables. */
export interface JsonPathAssignScope {
  /** `$`: in a catcher the error output (`{Error, Cause}`), in a Pass the state's input. */
  readonly data: Json;
  readonly context: JsonObject;
  readonly variables: Readonly<Record<string, Json>>;
}

/**
 * Evaluates a JSONPath `Assign` as Step Functions does: a key ending in `.$` takes the value its
 * path selects (`$`, `$.Error`, `$$.State.Name`, `$variable.field`) and loses the suffix; any
 * other value is a literal, objects walked. Intrinsic functions are not evaluated here:
 * `prepareMachine` refuses them before the run starts (`isSimplePath`).
 *
 * @throws SimulatedTaskError `States.Runtime` when a path selects nothing, as Step Functions does.
 * @example
 * evaluateJsonPathAssign({ 'caught.$': '$' }, { data: { Error: 'E' }, context: {}, variables: {} });
 * // { caught: { Error: 'E' } }
 */
export function evaluateJsonPathAssign(
  template: JsonObject,
  scope: JsonPathAssignScope,
): JsonObject {
  const assigned: JsonObject = {};
  for (const [key, value] of Object.entries(template)) {
    if (key.endsWith('.$') && typeof value === 'string') {
      assigned[key.slice(0, -2)] = select(value, scope);
    } else {
      assigned[key] = isJsonObject(value) ? evaluateJsonPathAssign(value, scope) : value;
    }
  }
  return assigned;
}

/** Whether every `.$` value of an Assign template is a path this simulator evaluates. */
export function isSimpleAssign(template: Json | undefined): boolean {
  if (!isJsonObject(template)) return false;
  return Object.entries(template).every(([key, value]) =>
    key.endsWith('.$')
      ? typeof value === 'string' && split(value) !== undefined
      : !isJsonObject(value) || isSimpleAssign(value),
  );
}

function select(path: string, scope: JsonPathAssignScope): Json {
  const parts = split(path);
  const root =
    parts?.root === 'context'
      ? scope.context
      : parts?.root === 'data'
        ? scope.data
        : scope.variables[parts?.root.variable ?? ''];
  let current: Json | undefined = root;
  for (const segment of parts?.segments ?? []) {
    current =
      typeof segment === 'number'
        ? Array.isArray(current)
          ? current[segment]
          : undefined
        : isJsonObject(current) && Object.hasOwn(current, segment)
          ? current[segment]
          : undefined;
  }
  if (parts === undefined || current === undefined) {
    throw new SimulatedTaskError(
      'States.Runtime',
      `The JSONPath ${JSON.stringify(path)} in Assign could not be found in the input.`,
    );
  }
  return current;
}

type Root = 'data' | 'context' | { readonly variable: string };

function split(path: string): { root: Root; segments: Array<string | number> } | undefined {
  if (path.startsWith('$$')) {
    const segments = parseReferencePath(path.slice(1));
    return segments === undefined ? undefined : { root: 'context', segments };
  }
  const variable = /^\$([A-Za-z_][A-Za-z0-9_]*)/.exec(path);
  if (variable !== null) {
    const segments = parseReferencePath(`$${path.slice(variable[0].length)}`);
    return segments === undefined ? undefined : { root: { variable: variable[1] ?? '' }, segments };
  }
  const segments = parseReferencePath(path);
  return segments === undefined ? undefined : { root: 'data', segments };
}
