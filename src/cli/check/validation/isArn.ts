/**
 * A `${Name}` that SAM `DefinitionSubstitutions`, CloudFormation `Fn::Sub` or Terraform
 * `templatefile` replaces before the definition reaches Step Functions.
 */
export const PLACEHOLDER = /\$\{[^}]+\}/g;

/** The whole string is one placeholder. */
export function isPlaceholder(value: string): boolean {
  return /^\$\{[^}]+\}$/.test(value);
}

// arn:partition:service:region:account-id:resource ("Identify AWS resources with Amazon Resource
// Names", AWS IAM User Guide).
const ARN = /^arn:(aws|aws-cn|aws-us-gov|aws-iso[a-z-]*|aws-eusc):[^:\s]+:[^:\s]*:(\d{12})?:\S+$/;

/**
 * A Task's `Resource` as Step Functions reads it after substitutions: each `${...}` inside an
 * ARN stands for a value (`arn:${AWS::Partition}:states:::lambda:invoke`). A whole placeholder
 * is matched by asl-validator's own pattern instead, so it is not an ARN here (its schema takes
 * exactly one of the two).
 *
 * @example
 * isArn('arn:${AWS::Partition}:states:::lambda:invoke'); // true
 */
export function isArn(value: string): boolean {
  if (isPlaceholder(value)) return false;
  // Placeholders hold colons (`${AWS::Partition}`): fill them before reading the ARN's parts.
  const filled = value
    .replace(/^arn:\$\{[^}]+\}/, 'arn:aws')
    .replace(PLACEHOLDER, (name) => (/account/i.test(name) ? '123456789012' : 'x'));
  return ARN.test(filled.replace(/^(arn:[^:]+:[^:]+:[^:]*:)x:/, '$1123456789012:'));
}
