/**
 * Just enough of a CloudFormation template's structure for tests to read it: its references
 * (`Ref`, `Fn::GetAtt`, the variables of `Fn::Sub`, `DependsOn`) and its IAM statements.
 */

export interface Template {
  readonly Parameters?: Record<string, unknown>;
  readonly Resources: Record<string, Resource>;
  readonly Outputs?: Record<string, { readonly Value: unknown; readonly Description?: string }>;
}

export interface Resource {
  readonly Type: string;
  readonly DependsOn?: string | readonly string[];
  readonly Properties?: Record<string, unknown>;
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
