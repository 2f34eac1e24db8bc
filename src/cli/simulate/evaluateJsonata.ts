import jsonata from 'jsonata';
import type { Json, JsonObject } from '../check/Json.ts';
import { SimulatedTaskError } from './errors.ts';

/** The `$states` reserved variable of a JSONata state. */
export interface StatesVariable {
  readonly input: Json;
  readonly context: JsonObject;
  readonly result?: Json;
  readonly errorOutput?: Json;
}

/** What a JSONata expression can read: `$states` and the execution's variables. */
export interface JsonataScope {
  readonly states: StatesVariable;
  readonly variables: Readonly<Record<string, Json>>;
}

const EXPRESSION = /^\{%([\s\S]*)%\}$/;
const compiled = new Map<string, jsonata.Expression>();

/** Whether a field value is a JSONata expression (`"{% ... %}"`) rather than a literal. */
export function isExpression(value: Json | undefined): value is string {
  return typeof value === 'string' && EXPRESSION.test(value.trim());
}

/**
 * Evaluates a JSONata field template as Step Functions does: a string `"{% expr %}"` is an
 * expression, objects and arrays are walked, and everything else is a literal. An object field
 * whose expression yields nothing is left out.
 *
 * @throws SimulatedTaskError `States.QueryEvaluationError` when an expression fails or the
 *   whole template yields nothing.
 * @example
 * await evaluateTemplate({ 'total': '{% $states.input.a + 1 %}' }, scope); // { total: 2 }
 */
export async function evaluateTemplate(template: Json, scope: JsonataScope): Promise<Json> {
  const value = await evaluateValue(template, scope);
  if (value === undefined) {
    throw new SimulatedTaskError(
      'States.QueryEvaluationError',
      `The expression ${JSON.stringify(template)} returned nothing.`,
    );
  }
  return value;
}

async function evaluateValue(template: Json, scope: JsonataScope): Promise<Json | undefined> {
  if (isExpression(template)) return evaluateExpression(template, scope);
  if (Array.isArray(template)) {
    const items = await Promise.all(template.map((item) => evaluateValue(item, scope)));
    return items.filter((item): item is Json => item !== undefined);
  }
  if (typeof template === 'object' && template !== null) {
    const entries = await Promise.all(
      Object.entries(template).map(
        async ([key, value]) => [key, await evaluateValue(value, scope)] as const,
      ),
    );
    const kept: JsonObject = {};
    for (const [key, value] of entries) if (value !== undefined) kept[key] = value;
    return kept;
  }
  return template;
}

async function evaluateExpression(
  template: string,
  scope: JsonataScope,
): Promise<Json | undefined> {
  const source = EXPRESSION.exec(template.trim())?.[1] ?? '';
  try {
    let expression = compiled.get(source);
    if (expression === undefined) {
      expression = jsonata(source);
      compiled.set(source, expression);
    }
    const result: unknown = await expression.evaluate(scope.states.input, {
      ...scope.variables,
      states: scope.states,
    });
    // JSONata sequences are arrays with extra properties: a JSON round trip makes plain JSON.
    return result === undefined ? undefined : (JSON.parse(JSON.stringify(result)) as Json);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new SimulatedTaskError('States.QueryEvaluationError', `${template.trim()}: ${message}`);
  }
}
