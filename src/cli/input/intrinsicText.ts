import { isJsonObject } from '../check/Json.ts';

/**
 * What a CloudFormation value reads as in a definition when check runs before deployment. Literal
 * text stays; `Ref`, `Fn::GetAtt` and any value known only at deployment become a `${Name}`
 * placeholder, the form a whole `"${X}"` DefinitionSubstitutions placeholder already has; `Fn::Sub`
 * and `Fn::Join` are computed around them.
 *
 * @example
 * intrinsicText({ 'Fn::Join': [':', ['arn', { Ref: 'AWS::Partition' }]] }); // 'arn:${AWS::Partition}'
 */
export function intrinsicText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const call = intrinsicCall(value);
  if (call === undefined) return placeholder('?');
  const [name, argument] = call;
  switch (name) {
    case 'Ref':
      return `\${${typeof argument === 'string' ? argument : '?'}}`;
    case 'Fn::GetAtt':
      return `\${${Array.isArray(argument) ? argument.map(String).join('.') : String(argument)}}`;
    case 'Fn::Sub':
      return substituteSub(argument);
    case 'Fn::Join':
      return join(argument);
    default:
      return `\${${name}}`;
  }
}

/**
 * The function and argument of a CloudFormation intrinsic function call (an object with exactly
 * one key, `Ref` or `Fn::*`), or undefined for any other value.
 *
 * @example
 * intrinsicCall({ Ref: 'Bucket' }); // ['Ref', 'Bucket']
 */
export function intrinsicCall(value: unknown): readonly [string, unknown] | undefined {
  if (!isJsonObject(value)) return undefined;
  const keys = Object.keys(value);
  const [name] = keys;
  if (keys.length !== 1 || name === undefined) return undefined;
  return name === 'Ref' || name.startsWith('Fn::') ? [name, value[name]] : undefined;
}

// Fn::Sub: `${Name}` takes the variable's value when the call gives one, and stays a placeholder
// otherwise (parameters, resources and pseudo parameters are known only at deployment);
// `${!Name}` is the literal text `${Name}` (CloudFormation reference, Fn::Sub).
function substituteSub(argument: unknown): string {
  const [text, variables] = Array.isArray(argument) ? argument : [argument, undefined];
  if (typeof text !== 'string') return placeholder('Fn::Sub');
  const known = isJsonObject(variables) ? variables : {};
  return text.replace(/\$\{(!?)([^}]*)\}/g, (whole, literal: string, name: string) => {
    if (literal === '!') return `\${${name}}`;
    return Object.hasOwn(known, name) ? intrinsicText(known[name]) : whole;
  });
}

function join(argument: unknown): string {
  if (!Array.isArray(argument)) return placeholder('Fn::Join');
  const [delimiter, parts] = argument;
  if (typeof delimiter !== 'string' || !Array.isArray(parts)) return placeholder('Fn::Join');
  return parts.map(intrinsicText).join(delimiter);
}

/** `${name}`: the form Step Functions' DefinitionSubstitutions placeholders have. */
function placeholder(name: string): string {
  return `\${${name}}`;
}
