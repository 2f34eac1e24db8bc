import { isJsonObject, type Json } from './Json.ts';
import type { Catcher, StateNode } from './parseDefinition.ts';
import { fieldText, narrows, replacesInput } from './stateFields.ts';

/** Overwrites the whole of `meta`, and with it the parent link and every shim. */
const META_PATH = '$.meta';

/** A JSONata field that mentions the state's input is taken to keep it (a heuristic). */
const STATES_INPUT = '$states.input';

/**
 * Why a state's output, on its normal transitions (Choice rules, `Next`, `Default`), can lack the
 * payload's `meta`; undefined when it keeps it. Pure: reads the state alone, never the graph.
 *
 * JSONPath (AWS input and output processing: InputPath → Parameters → task → ResultSelector →
 * ResultPath → OutputPath):
 * - a Task, Parallel or Map whose `ResultPath` is absent or `$` replaces its input with its
 *   result (a Parallel's or Map's is an array); `ResultSelector` only reshapes that result;
 * - a Pass with `Result` (it wins over `Parameters`), or with `Parameters`, and `ResultPath`
 *   absent or `$`, outputs only that; without either, it outputs its effective input, which an
 *   `InputPath` other than `$` narrows. A Pass whose Parameters put a `meta.$` back keeps it;
 * - a Wait or Choice outputs its effective input, so an `InputPath` other than `$` narrows it;
 * - for a Task, Parallel or Map, `InputPath` alone drops nothing: `ResultPath` merges into the
 *   raw input, not the effective one;
 * - any `OutputPath` other than `$` keeps only part of the output (`null` keeps `{}`);
 * - `ResultPath: "$.meta"` writes the result over `meta` itself.
 *
 * JSONata: an `Output` is the whole output, so one whose text does not mention `$states.input`
 * drops it (conservative: one that mentions it is taken to keep it); a Task, Parallel or Map
 * without `Output` outputs `$states.result`. A Pass, Wait or Choice without `Output` passes its
 * input on.
 *
 * @example
 * outputDropsMeta(parsed({ Type: 'Task', Resource: arn, Next: 'Closer:Send' }));
 * // 'a Task without ResultPath replaces its input with its result'
 */
export function outputDropsMeta(node: StateNode): string | undefined {
  return node.queryLanguage === 'JSONata' ? jsonataOutputDrops(node) : jsonPathOutputDrops(node);
}

/**
 * Why a catcher's output can lack `meta`; undefined when it keeps it. In JSONPath the catcher's
 * `ResultPath` places the error output (`{Error, Cause}`) into the state's raw input, and one
 * absent or `$` replaces the input with it; in JSONata a catcher's `Output` defaults to
 * `$states.errorOutput`.
 *
 * @example
 * catcherDropsMeta(work, { errorEquals: ['States.ALL'], next: 'X', raw: { ... } });
 * // 'its catcher for States.ALL has no ResultPath, so the error output replaces the payload'
 */
export function catcherDropsMeta(node: StateNode, catcher: Catcher): string | undefined {
  const errors = catcher.errorEquals.join('/');
  if (node.queryLanguage === 'JSONata') {
    const output = catcher.raw['Output'];
    if (output === undefined) {
      return `its catcher for ${errors} has no Output, so the error output replaces the payload`;
    }
    return keepsInput(output)
      ? undefined
      : `its catcher for ${errors} has an Output that does not include ${STATES_INPUT}`;
  }
  const resultPath = catcher.raw['ResultPath'];
  if (resultPath === undefined) {
    return `its catcher for ${errors} has no ResultPath, so the error output replaces the payload`;
  }
  if (resultPath === '$') {
    return `its catcher for ${errors} has "ResultPath": "$", so the error output replaces the payload`;
  }
  if (resultPath === META_PATH) {
    return `its catcher for ${errors} writes the error output over meta ("ResultPath": "$.meta")`;
  }
  return undefined;
}

function jsonPathOutputDrops(node: StateNode): string | undefined {
  const { raw, type } = node;
  const resultPath = raw['ResultPath'];
  switch (type) {
    case 'Task':
    case 'Parallel':
    case 'Map': {
      if (replacesInput(resultPath)) {
        const array = type !== 'Task' && raw['ResultWriter'] === undefined ? ' (an array)' : '';
        const how = resultPath === '$' ? 'with "ResultPath": "$"' : 'without ResultPath';
        return `a ${type} ${how} replaces its input with its result${array}`;
      }
      if (resultPath === META_PATH) return `"ResultPath": "$.meta" writes its result over meta`;
      break;
    }
    case 'Pass': {
      if (replacesInput(resultPath)) {
        const how = resultPath === '$' ? '"ResultPath": "$"' : 'no ResultPath';
        if (raw['Result'] !== undefined)
          return `a Pass with Result and ${how} outputs only its Result`;
        const parameters = raw['Parameters'];
        if (parameters !== undefined && !putsMetaBack(parameters)) {
          return `a Pass with Parameters and ${how} outputs only its Parameters`;
        }
        if (parameters === undefined && narrows(raw['InputPath'])) {
          return `its InputPath ${JSON.stringify(raw['InputPath'])} narrows what it outputs`;
        }
      } else if (resultPath === META_PATH) {
        return `"ResultPath": "$.meta" writes its result over meta`;
      }
      break;
    }
    case 'Wait':
    case 'Choice':
      if (narrows(raw['InputPath'])) {
        return `its InputPath ${JSON.stringify(raw['InputPath'])} narrows what it outputs`;
      }
      break;
    default:
      break;
  }
  const outputPath = raw['OutputPath'];
  if (narrows(outputPath)) {
    return `its OutputPath ${JSON.stringify(outputPath)} keeps only part of its output`;
  }
  return undefined;
}

function jsonataOutputDrops(node: StateNode): string | undefined {
  const output = node.raw['Output'];
  if (output !== undefined) {
    return keepsInput(output) ? undefined : `its Output does not include ${STATES_INPUT}`;
  }
  if (node.type === 'Task' || node.type === 'Parallel' || node.type === 'Map') {
    return `a JSONata ${node.type} without Output outputs its result ($states.result)`;
  }
  return undefined;
}

function keepsInput(output: Json): boolean {
  return fieldText(output).includes(STATES_INPUT);
}

/** Parameters that copy a `meta` back in (`"meta.$": "$.meta"`, or from the execution input). */
function putsMetaBack(parameters: Json): boolean {
  return isJsonObject(parameters) && typeof parameters['meta.$'] === 'string';
}
