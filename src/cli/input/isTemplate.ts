import { isJsonObject } from '../check/Json.ts';

/**
 * Whether a parsed input is a CloudFormation or SAM template rather than a definition: it has
 * `AWSTemplateFormatVersion`, `Transform` or a `Resources` map, and no `States` (a definition's
 * required field). Never decided from the file's name.
 *
 * @example
 * isTemplate({ Resources: {} }); // true
 */
export function isTemplate(value: unknown): boolean {
  if (!isJsonObject(value) || 'States' in value) return false;
  return (
    'AWSTemplateFormatVersion' in value || 'Transform' in value || isJsonObject(value['Resources'])
  );
}

/**
 * Whether a parsed input has the shape of a state machine definition (`States` or `StartAt`).
 *
 * @example
 * looksLikeDefinition({ StartAt: 'A', States: {} }); // true
 */
export function looksLikeDefinition(value: unknown): boolean {
  return isJsonObject(value) && ('States' in value || 'StartAt' in value);
}
