import jsonata from 'jsonata';
import { isJsonObject, type Json, type JsonObject } from '../check/Json.ts';
import { SimulatedTaskError } from './errors.ts';
import { registerStepFunctionsFunctions } from './stepFunctionsJsonata.ts';
import { queryEvaluationCause } from './stepFunctionsJsonataCause.ts';
import { clockBindings } from './stepFunctionsJsonataClock.ts';

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
  /**
   * The simulation's clock (virtual milliseconds since the epoch), for `$now` and `$millis`.
   * Without it they read the context object's `State.EnteredTime`, which is virtual too, and
   * without that the machine's clock.
   */
  readonly now?: () => number;
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
 * Expressions are in Step Functions' JSONata dialect (`$partition`, `$range`, `$hash`, `$random`
 * with a seed, `$uuid`, `$parse`; no `$eval`: see `registerStepFunctionsFunctions`), and `$now` and
 * `$millis` read the simulation's clock.
 *
 * @param field The field's name in the state (`Arguments`, `Output`, ...), for the error's cause.
 * @throws SimulatedTaskError `States.QueryEvaluationError` when an expression fails or yields
 *   nothing; the cause names the expression and the field, then the JSONata error, as AWS's does.
 * @example
 * await evaluateTemplate({ 'total': '{% $states.input.a + 1 %}' }, scope, 'Output'); // { total: 2 }
 */
export async function evaluateTemplate(
  template: Json,
  scope: JsonataScope,
  field = 'Output',
): Promise<Json> {
  if (isExpression(template)) {
    const value = await evaluateExpression(template, scope, field);
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
  field: string,
): Promise<Json | undefined> {
  const source = EXPRESSION.exec(template.trim())?.[1] ?? '';
  try {
    const result: unknown = await compile(source).evaluate(scope.states.input, {
      ...clockFor(scope),
      ...scope.variables,
      states: scope.states,
    });
    // JSONata sequences are arrays with extra properties: a JSON round trip makes plain JSON.
    return result === undefined ? undefined : (JSON.parse(JSON.stringify(result)) as Json);
  } catch (error) {
    throw new SimulatedTaskError(
      'States.QueryEvaluationError',
      queryEvaluationCause(error, source.trim(), field),
    );
  }
}

/**
 * The compiled expression, once per source text. The Step Functions functions are registered on
 * it once, since they do not depend on the evaluation; what does (`$states`, the variables, the
 * clock) is passed as bindings on each evaluation, so concurrent evaluations do not share it.
 */
function compile(source: string): jsonata.Expression {
  let expression = compiled.get(source);
  if (expression === undefined) {
    expression = jsonata(source);
    registerStepFunctionsFunctions(expression);
    compiled.set(source, expression);
  }
  return expression;
}

/** `$now` and `$millis` on the simulation's clock, or JSONata's own when the scope has none. */
function clockFor(scope: JsonataScope): Record<string, unknown> {
  if (scope.now !== undefined) return clockBindings(scope.now);
  const state = scope.states.context['State'];
  const entered = isJsonObject(state) ? state['EnteredTime'] : undefined;
  const at = typeof entered === 'string' ? Date.parse(entered) : Number.NaN;
  return Number.isNaN(at) ? {} : clockBindings(() => at);
}
