import { isJsonObject, type Json, type JsonObject } from './Json.ts';

/**
 * The reference paths into the state input that a JSONPath Pass, Wait or Choice state reads:
 * `InputPath`, `OutputPath`, `".$"` fields of `Parameters` and `Assign` (paths inside intrinsic
 * functions included), Wait's `SecondsPath`/`TimestampPath`, and Choice `Variable`s and
 * `...Path` comparisons. Step Functions fails the execution with `States.Runtime` when one of them
 * is missing. `$` itself, context paths (`$$.`) and variables (`$name`) always resolve and are
 * left out, as is every Choice variable that some rule of the same Choice tests with `IsPresent`.
 * `ResultPath` is left out too: it writes, creating missing nodes, and does not read.
 *
 * @example
 * readPaths({ Type: 'Wait', SecondsPath: '$.delay', Next: 'X' }); // ['$.delay']
 */
export function readPaths(state: JsonObject): string[] {
  const found: string[] = [];
  for (const field of ['InputPath', 'OutputPath']) {
    const value = state[field];
    if (typeof value === 'string') found.push(...inputPaths(value));
  }
  for (const field of ['Parameters', 'Assign']) collectTemplatePaths(state[field], found);
  switch (state['Type']) {
    case 'Wait':
      for (const field of ['SecondsPath', 'TimestampPath']) {
        const value = state[field];
        if (typeof value === 'string') found.push(...inputPaths(value));
      }
      break;
    case 'Choice':
      found.push(...choicePaths(state['Choices']));
      break;
    default:
      break;
  }
  return [...new Set(found)];
}

/** Payload template: every key ending in `.$` holds a path or an intrinsic function. */
function collectTemplatePaths(value: Json | undefined, found: string[]): void {
  if (Array.isArray(value)) {
    for (const item of value) collectTemplatePaths(item, found);
    return;
  }
  if (!isJsonObject(value)) return;
  for (const [key, item] of Object.entries(value)) {
    if (key.endsWith('.$') && typeof item === 'string') found.push(...inputPaths(item));
    else collectTemplatePaths(item, found);
  }
}

function choicePaths(choices: Json | undefined): string[] {
  const variables: string[] = [];
  const guarded = new Set<string>();
  const visit = (rule: Json | undefined): void => {
    if (Array.isArray(rule)) {
      for (const item of rule) visit(item);
      return;
    }
    if (!isJsonObject(rule)) return;
    const variable = rule['Variable'];
    if (typeof variable === 'string') {
      if (rule['IsPresent'] !== undefined) guarded.add(variable);
      else variables.push(...inputPaths(variable));
    }
    for (const [key, value] of Object.entries(rule)) {
      if (key.endsWith('Path') && typeof value === 'string') variables.push(...inputPaths(value));
    }
    visit(rule['And']);
    visit(rule['Or']);
    visit(rule['Not']);
  };
  visit(choices);
  return variables.filter((path) => !guarded.has(path));
}

/** Paths into the state input inside a path or an intrinsic function call. */
function inputPaths(expression: string): string[] {
  // String literals inside intrinsic functions ('...') are text, not paths.
  const code = expression.replace(/'(?:\\.|[^'\\])*'/g, "''");
  return code.match(/(?<![\w$])\$(?:\.|\[)[^\s,()]*/g) ?? [];
}
