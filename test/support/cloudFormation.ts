/**
 * Just enough of a CloudFormation template's structure for tests to read it: its references
 * (`Ref`, `Fn::GetAtt`, the variables of `Fn::Sub`, `DependsOn`), its IAM statements, and what
 * it deploys for given parameter values (`deployWith`).
 */

export interface Template {
  readonly Parameters?: Record<string, Parameter>;
  readonly Rules?: Record<string, Rule>;
  readonly Conditions?: Record<string, unknown>;
  readonly Resources: Record<string, Resource>;
  readonly Outputs?: Record<string, Output>;
}

export interface Parameter {
  readonly Type: string;
  readonly Default?: string | number;
  readonly AllowedValues?: readonly (string | number)[];
  readonly AllowedPattern?: string;
  readonly MinLength?: number;
  readonly MaxLength?: number;
  readonly Description?: string;
}

export interface Rule {
  readonly RuleCondition?: unknown;
  readonly Assertions: readonly { readonly Assert: unknown; readonly AssertDescription?: string }[];
}

export interface Resource {
  readonly Type: string;
  readonly DependsOn?: string | readonly string[];
  readonly Metadata?: Record<string, unknown>;
  readonly Properties?: Record<string, unknown>;
}

export interface Output {
  readonly Value: unknown;
  readonly Description?: string;
  readonly Export?: { readonly Name: unknown };
}

export interface Reference {
  readonly kind: 'Ref' | 'GetAtt' | 'Sub' | 'DependsOn';
  /** The logical id, parameter or pseudo parameter named. */
  readonly target: string;
}

/** The pseudo parameters CloudFormation defines. */
export const PSEUDO_PARAMETERS: ReadonlySet<string> = new Set([
  'AWS::AccountId',
  'AWS::NotificationARNs',
  'AWS::NoValue',
  'AWS::Partition',
  'AWS::Region',
  'AWS::StackId',
  'AWS::StackName',
  'AWS::URLSuffix',
]);

/**
 * Every reference inside a value. A state machine's `Definition` is skipped: its `${...}` are
 * DefinitionSubstitutions placeholders, not CloudFormation references.
 */
export function referencesIn(value: unknown): Reference[] {
  const found: Reference[] = [];
  walk(value, found);
  return found;
}

/** Every reference a resource makes, its `DependsOn` included. */
export function referencesOfResource(resource: Resource): Reference[] {
  const dependsOn =
    resource.DependsOn === undefined
      ? []
      : typeof resource.DependsOn === 'string'
        ? [resource.DependsOn]
        : resource.DependsOn;
  return [
    ...referencesIn(resource.Properties ?? {}),
    ...dependsOn.map((target): Reference => ({ kind: 'DependsOn', target })),
  ];
}

function walk(value: unknown, found: Reference[]): void {
  if (Array.isArray(value)) {
    for (const item of value) walk(item, found);
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  for (const [key, item] of Object.entries(value)) {
    if (key === 'Definition') continue;
    if (key === 'Ref' && typeof item === 'string') found.push({ kind: 'Ref', target: item });
    else if (key === 'Fn::GetAtt') found.push({ kind: 'GetAtt', target: getAttTarget(item) });
    else if (key === 'Fn::Sub') {
      const text = Array.isArray(item) ? item[0] : item;
      const variables = Array.isArray(item) ? Object.keys(item[1] ?? {}) : [];
      for (const target of subVariables(String(text))) {
        if (!variables.includes(target)) found.push({ kind: 'Sub', target });
      }
      if (Array.isArray(item)) walk(item[1], found);
    } else walk(item, found);
  }
}

function getAttTarget(value: unknown): string {
  if (Array.isArray(value)) return String(value[0]);
  return String(value).split('.')[0] ?? '';
}

/** `${Name}` and `${Name.Attribute}` in a `Fn::Sub` string; `${!Literal}` is not a variable. */
export function subVariables(text: string): string[] {
  return [...text.matchAll(/\$\{([^!}][^}]*)\}/g)].map(
    (match) => (match[1] ?? '').split('.')[0] ?? '',
  );
}

/**
 * The conditions a value names: the first argument of each `Fn::If`, each `{ Condition }`. A
 * state machine's `Definition` is skipped: a JSONata Choice rule's `Condition` is not one.
 */
export function conditionsNamedIn(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(conditionsNamedIn);
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, item]) => {
    if (key === 'Definition') return [];
    if (key === 'Fn::If' && Array.isArray(item)) {
      return [String(item[0]), ...conditionsNamedIn(item.slice(1))];
    }
    // A string only: an IAM statement's Condition is an object, not a condition's name.
    if (key === 'Condition' && typeof item === 'string') return [item];
    return conditionsNamedIn(item);
  });
}

export interface Statement {
  readonly Effect: string;
  readonly Action: string | readonly string[];
  readonly Resource: unknown;
  readonly Sid?: string;
}

/**
 * Every statement that applies to a role: its inline policies, and `AWS::IAM::Policy` resources
 * attached to it. Managed policies are returned by name so a test can refuse them.
 */
export function statementsOfRole(
  template: Template,
  roleId: string,
): { statements: Statement[]; managedPolicies: unknown[] } {
  const role = template.Resources[roleId];
  if (role === undefined) throw new Error(`no resource ${roleId}`);
  const inline = (role.Properties?.['Policies'] ?? []) as {
    PolicyDocument: { Statement: Statement[] };
  }[];
  const attached = Object.values(template.Resources).filter(
    (resource) =>
      resource.Type === 'AWS::IAM::Policy' &&
      ((resource.Properties?.['Roles'] ?? []) as unknown[]).some(
        (ref) => JSON.stringify(ref) === JSON.stringify({ Ref: roleId }),
      ),
  );
  return {
    statements: [
      ...inline.flatMap((policy) => policy.PolicyDocument.Statement),
      ...attached.flatMap(
        (policy) =>
          (policy.Properties?.['PolicyDocument'] as { Statement?: Statement[] } | undefined)
            ?.Statement ?? [],
      ),
    ],
    managedPolicies: (role.Properties?.['ManagedPolicyArns'] ?? []) as unknown[],
  };
}

/** An IAM `Action` or `Resource` as a list. */
export function asList(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [value];
}

/** Every action the statements allow, sorted, each once. */
export function actionsOf(statements: readonly Statement[]): string[] {
  return [...new Set(statements.flatMap((s) => asList(s.Action) as string[]))].sort();
}

/** The resources of the statements that name `action`. */
export function resourcesFor(statements: readonly Statement[], action: string): unknown[] {
  return statements
    .filter((s) => asList(s.Action).includes(action))
    .flatMap((s) => asList(s.Resource));
}

/** The pseudo parameter values `deployWith` deploys with. */
export const PSEUDO_VALUES: Readonly<Record<string, string>> = {
  'AWS::AccountId': '123456789012',
  'AWS::Partition': 'aws',
  'AWS::Region': 'eu-west-1',
  'AWS::StackName': 'sub-step-closer',
  'AWS::URLSuffix': 'amazonaws.com',
};

/** A template the resolver cannot read, or a deployment that names what the template lacks. */
export class TemplateResolutionError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'TemplateResolutionError';
  }
}

/** What a stack of a template would be, for given parameter values. */
export interface Deployment {
  /** Every parameter's value: the one given, else its `Default`; a list for `CommaDelimitedList`. */
  readonly parameters: Readonly<Record<string, string | readonly string[]>>;
  /** Every condition of the `Conditions` section, evaluated. */
  readonly conditions: Readonly<Record<string, boolean>>;
  /** The parameters whose value breaks their `AllowedValues`, `AllowedPattern` or length. */
  readonly invalidParameters: readonly string[];
  /** The `AssertDescription` of every `Rules` assertion that does not hold. */
  readonly failedAssertions: readonly string[];
  /**
   * A template value as CloudFormation deploys it: `Ref` to parameters and pseudo parameters,
   * `Fn::If`, `Fn::Join`, `Fn::Split`, `Fn::Select` and `Fn::Sub` resolved, `AWS::NoValue`
   * removed. A `Ref` or `Fn::GetAtt` of a resource stays as written, and so does `${Resource}`
   * in a `Fn::Sub`: only the stack knows those.
   */
  resolve(value: unknown): unknown;
}

/** `AWS::NoValue`: removes the property or list item it stands for. */
const NO_VALUE: unique symbol = Symbol('AWS::NoValue');

/**
 * Deploys a template on paper: parameter values as `--parameter-overrides` passes them (a
 * `CommaDelimitedList` as one comma-separated string), pseudo parameters from `PSEUDO_VALUES`.
 *
 * @example
 * const stack = deployWith(template, { ChildNamePrefix: 'orders-' });
 * stack.resolve(template.Resources['SafetyNetRule']?.Properties?.['EventPattern']);
 */
export function deployWith(
  template: Template,
  given: Readonly<Record<string, string>>,
): Deployment {
  const declared = template.Parameters ?? {};
  const unknown = Object.keys(given).filter((name) => declared[name] === undefined);
  if (unknown.length > 0) {
    throw new TemplateResolutionError(`the template has no parameter ${unknown.join(', ')}`);
  }
  const parameters: Record<string, string | readonly string[]> = {};
  const invalidParameters: string[] = [];
  for (const [name, parameter] of Object.entries(declared)) {
    const raw =
      given[name] ?? (parameter.Default === undefined ? undefined : String(parameter.Default));
    if (raw === undefined) throw new TemplateResolutionError(`no value for parameter ${name}`);
    // CloudFormation splits a CommaDelimitedList at its commas: an empty string is [""].
    const value = parameter.Type === 'CommaDelimitedList' ? raw.split(',') : raw;
    parameters[name] = value;
    if (!satisfiesConstraints(parameter, value)) invalidParameters.push(name);
  }

  const resolve = (value: unknown): unknown => {
    const resolved = resolveValue(value, { parameters, conditions: condition });
    return resolved === NO_VALUE ? undefined : resolved;
  };
  const evaluated = new Map<string, boolean>();
  const condition = (name: string): boolean => {
    const known = evaluated.get(name);
    if (known !== undefined) return known;
    const expression = template.Conditions?.[name];
    if (expression === undefined) throw new TemplateResolutionError(`no condition ${name}`);
    const result = evaluateCondition(expression, { parameters, conditions: condition });
    evaluated.set(name, result);
    return result;
  };
  const conditions = Object.fromEntries(
    Object.keys(template.Conditions ?? {}).map((name) => [name, condition(name)]),
  );

  const failedAssertions = Object.entries(template.Rules ?? {}).flatMap(([ruleName, rule]) => {
    const scope = { parameters, conditions: condition };
    if (rule.RuleCondition !== undefined && !evaluateRule(rule.RuleCondition, scope)) return [];
    return rule.Assertions.filter((assertion) => !evaluateRule(assertion.Assert, scope)).map(
      (assertion) => assertion.AssertDescription ?? ruleName,
    );
  });

  return { parameters, conditions, invalidParameters, failedAssertions, resolve };
}

interface Scope {
  readonly parameters: Readonly<Record<string, string | readonly string[]>>;
  readonly conditions: (name: string) => boolean;
}

function satisfiesConstraints(parameter: Parameter, value: string | readonly string[]): boolean {
  // AllowedPattern and AllowedValues apply to each value of a CommaDelimitedList (CloudFormation
  // Parameters reference); a pattern must match the whole value.
  const values = typeof value === 'string' ? [value] : value;
  const pattern =
    parameter.AllowedPattern === undefined
      ? undefined
      : new RegExp(`^(?:${parameter.AllowedPattern})$`);
  const allowed = parameter.AllowedValues?.map(String);
  return values.every(
    (item) =>
      (pattern === undefined || pattern.test(item)) &&
      (allowed === undefined || allowed.includes(item)) &&
      (parameter.MinLength === undefined || item.length >= parameter.MinLength) &&
      (parameter.MaxLength === undefined || item.length <= parameter.MaxLength),
  );
}

function resolveValue(value: unknown, scope: Scope): unknown {
  if (Array.isArray(value)) {
    return value.map((item) => resolveValue(item, scope)).filter((item) => item !== NO_VALUE);
  }
  if (typeof value !== 'object' || value === null) return value;
  const entries = Object.entries(value);
  const [first] = entries;
  if (entries.length === 1 && first !== undefined && isIntrinsic(first[0])) {
    return applyIntrinsic(first[0], first[1], scope);
  }
  return Object.fromEntries(
    entries
      .map(([key, item]) => [key, resolveValue(item, scope)] as const)
      .filter(([, item]) => item !== NO_VALUE),
  );
}

function isIntrinsic(key: string): boolean {
  return key === 'Ref' || key.startsWith('Fn::');
}

function applyIntrinsic(name: string, argument: unknown, scope: Scope): unknown {
  switch (name) {
    case 'Ref':
      return refValue(String(argument), scope) ?? { Ref: argument };
    case 'Fn::GetAtt':
      return { 'Fn::GetAtt': argument };
    case 'Fn::If': {
      const [conditionName, ifTrue, ifFalse] = asArguments(name, argument, 3);
      return resolveValue(scope.conditions(String(conditionName)) ? ifTrue : ifFalse, scope);
    }
    case 'Fn::Join': {
      const [delimiter, list] = asArguments(name, argument, 2);
      return asStrings(name, resolveValue(list, scope)).join(String(delimiter));
    }
    case 'Fn::Split': {
      const [delimiter, source] = asArguments(name, argument, 2);
      return asString(name, resolveValue(source, scope)).split(String(delimiter));
    }
    case 'Fn::Select': {
      const [index, list] = asArguments(name, argument, 2);
      const items = asStrings(name, resolveValue(list, scope));
      const item = items[Number(resolveValue(index, scope))];
      if (item === undefined) throw new TemplateResolutionError(`Fn::Select past the list's end`);
      return item;
    }
    case 'Fn::Sub':
      return substitute(argument, scope);
    default:
      throw new TemplateResolutionError(`the resolver does not know ${name}`);
  }
}

function refValue(name: string, scope: Scope): unknown {
  if (name === 'AWS::NoValue') return NO_VALUE;
  return scope.parameters[name] ?? PSEUDO_VALUES[name];
}

function substitute(argument: unknown, scope: Scope): string {
  const [text, variables] = Array.isArray(argument) ? argument : [argument, {}];
  const values = resolveValue(variables ?? {}, scope) as Record<string, unknown>;
  return String(text).replace(/\$\{([^}]*)\}/g, (whole, variable: string) => {
    if (variable.startsWith('!')) return `\${${variable.slice(1)}}`;
    const value = values[variable] ?? refValue(variable, scope);
    if (value === undefined) return whole; // a resource or its attribute: the stack knows it
    return asString(`\${${variable}} in Fn::Sub`, value);
  });
}

function evaluateCondition(expression: unknown, scope: Scope): boolean {
  return evaluateBoolean(expression, scope, 'condition');
}

function evaluateRule(expression: unknown, scope: Scope): boolean {
  return evaluateBoolean(expression, scope, 'rule');
}

/**
 * A condition function, or a rule function: the two sections share Fn::Equals, Fn::Not,
 * Fn::And and Fn::Or; only conditions name other conditions, only rules compare lists.
 */
function evaluateBoolean(
  expression: unknown,
  scope: Scope,
  section: 'condition' | 'rule',
): boolean {
  const [name, argument] = onlyEntry(expression);
  const value = (item: unknown) => resolveValue(item, scope);
  const nested = (item: unknown) => evaluateBoolean(item, scope, section);
  const items = Array.isArray(argument) ? argument : [];
  if (section === 'condition' && name === 'Condition') return scope.conditions(String(argument));
  switch (name) {
    case 'Fn::Equals': {
      const [left, right] = asArguments(name, argument, 2);
      return JSON.stringify(value(left)) === JSON.stringify(value(right));
    }
    case 'Fn::Not':
      return !nested(asArguments(name, argument, 1)[0]);
    case 'Fn::And':
      return items.every(nested);
    case 'Fn::Or':
      return items.some(nested);
  }
  if (section === 'rule') {
    const [left, right] = asArguments(name, argument, 2);
    switch (name) {
      case 'Fn::Contains':
        return asStrings(name, value(left)).includes(asString(name, value(right)));
      case 'Fn::EachMemberEquals':
        return asStrings(name, value(left)).every((item) => item === asString(name, value(right)));
      case 'Fn::EachMemberIn':
        return asStrings(name, value(left)).every((item) =>
          asStrings(name, value(right)).includes(item),
        );
    }
  }
  throw new TemplateResolutionError(`${name} is not a ${section} function the resolver knows`);
}

function onlyEntry(expression: unknown): [string, unknown] {
  const entries =
    typeof expression === 'object' && expression !== null ? Object.entries(expression) : [];
  const [entry] = entries;
  if (entries.length !== 1 || entry === undefined) {
    throw new TemplateResolutionError(`not a function: ${JSON.stringify(expression)}`);
  }
  return entry;
}

function asArguments(name: string, argument: unknown, count: number): unknown[] {
  if (!Array.isArray(argument) || argument.length !== count) {
    throw new TemplateResolutionError(`${name} takes a list of ${count}`);
  }
  return argument;
}

function asString(where: string, value: unknown): string {
  if (typeof value !== 'string') {
    throw new TemplateResolutionError(`${where} needs a string, got ${JSON.stringify(value)}`);
  }
  return value;
}

function asStrings(where: string, value: unknown): string[] {
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) {
    throw new TemplateResolutionError(
      `${where} needs a list of strings, got ${JSON.stringify(value)}`,
    );
  }
  return value;
}
