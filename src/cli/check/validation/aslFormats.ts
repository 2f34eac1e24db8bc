import jsonata from 'jsonata';
import { isArn } from './isArn.ts';
import { isJsonPath, isPayloadTemplateValue, isReferencePath } from './readJsonPath.ts';

/**
 * The custom formats that asl-validator's schemas name, implemented by our own reading of the
 * definition (asl-validator's own path parser refuses JSONPath that Step Functions takes, such
 * as `$.[0]` or filters with `&&`).
 */
export const ASL_FORMATS: Readonly<Record<string, (value: string) => boolean>> = {
  jsonata_string: isJsonataExpression,
  maybe_jsonata_string: (value) => !looksLikeJsonata(value) || isJsonataExpression(value),
  asl_path: isJsonPath,
  asl_ref_path: isReferencePath,
  asl_result_path: isReferencePath,
  asl_payload_template: isPayloadTemplateValue,
  asl_arn: isArn,
};

/** A string Step Functions evaluates as JSONata: it starts with `{%` and ends with `%}`. */
export function looksLikeJsonata(value: string): boolean {
  return value.startsWith('{%') && value.endsWith('%}');
}

/** The reason a `{% ... %}` expression does not parse, or undefined when it does. */
export function jsonataSyntaxError(value: string): string | undefined {
  try {
    jsonata(value.slice(2, -2));
    return undefined;
  } catch (error) {
    const message = (error as { message?: unknown } | null)?.message;
    return typeof message === 'string' ? message : String(error);
  }
}

function isJsonataExpression(value: string): boolean {
  return looksLikeJsonata(value) && jsonataSyntaxError(value) === undefined;
}
