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
 * expression, objects and arrays are walked, and everything else is a literal. An expression that
 * yields nothing fails the state, wherever it stands: Step Functions raises
 * `States.QueryEvaluationError` ("The JSONata expression '...' specified for the field
 * 'Arguments/Input/x' returned nothing (undefined)."); it does not drop the field.
 *
 * @param field The field's name in the state (`Arguments`, `Output`, ...), for the error's cause.
 * @throws SimulatedTaskError `States.QueryEvaluationError` when an expression fails or yields nothing.
 * @example
 * await evaluateTemplate({ 'total': '{% $states.input.a + 1 %}' }, scope, 'Output'); // { total: 2 }
 */
export async function evaluateTemplate(
  template: Json,
  scope: JsonataScope,
  field = 'Output',
): Promise<Json> {
  if (isExpression(template)) {
    const value = await evaluateExpression(template, scope);
    if (value === undefined) {
      const source = EXPRESSION.exec(template.trim())?.[1]?.trim() ?? '';
      throw new SimulatedTaskError(
        'States.QueryEvaluationError',
        `The JSONata expression '${source}' specified for the field '${field}' returned nothing (undefined).`,
      );
    }
    return value;
  }
  if (Array.isArray(template)) {
    return Promise.all(
      template.map((item, index) => evaluateTemplate(item, scope, `${field}[${index}]`)),
    );
  }
  if (typeof template === 'object' && template !== null) {
    const entries = await Promise.all(
      Object.entries(template).map(
        async ([key, value]) =>
          [key, await evaluateTemplate(value, scope, `${field}/${key}`)] as const,
      ),
    );
    return Object.fromEntries(entries) as JsonObject;
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
