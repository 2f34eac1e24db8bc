import { dirname, isAbsolute, join } from 'node:path';
import { isJsonObject, type JsonObject } from '../check/Json.ts';
import { applySubstitutions, literalSubstitutions } from './applySubstitutions.ts';
import { describeError, InputError } from './InputError.ts';
import { intrinsicText } from './intrinsicText.ts';
import { displayName } from './readText.ts';
import { type Target, targetLabel } from './Target.ts';

/** The resource types that hold a Step Functions state machine. */
export const STATE_MACHINE_TYPES: ReadonlySet<string> = new Set([
  'AWS::StepFunctions::StateMachine',
  'AWS::Serverless::StateMachine',
]);

/** Reads and parses a definition file that a template names. */
export type ReadDefinitionFile = (path: string) => Promise<unknown>;

/**
 * Every state machine of a CloudFormation or SAM template, by logical id, each with its
 * definition or the reason it cannot be read (a message that names `file#LogicalId`). A definition comes from, in this order:
 * - `Definition` (both types; `DefinitionBody` is read the same way), inline;
 * - `DefinitionString` (CloudFormation): JSON text, or `Fn::Sub` / `Fn::Join` that build it;
 * - `DefinitionUri` (SAM) or `DefinitionS3Location` (CloudFormation) when it is a local path, as
 *   `sam build` and `aws cloudformation package` take it, relative to the template's folder.
 * `DefinitionSubstitutions` are applied where literal and left as `${Name}` placeholders where not.
 *
 * @example
 * const targets = await templateMachines(template, 'template.yaml', readDefinitionFile);
 */
export async function templateMachines(
  template: JsonObject,
  file: string,
  readDefinitionFile: ReadDefinitionFile,
): Promise<Target[]> {
  const resources = isJsonObject(template['Resources']) ? template['Resources'] : {};
  const targets: Target[] = [];
  const name = displayName(file);
  for (const [machine, resource] of Object.entries(resources)) {
    if (!isJsonObject(resource) || typeof resource['Type'] !== 'string') continue;
    if (!STATE_MACHINE_TYPES.has(resource['Type'])) continue;
    const properties = isJsonObject(resource['Properties']) ? resource['Properties'] : {};
    try {
      const definition = await readMachine(properties, file, readDefinitionFile);
      const substitutions = literalSubstitutions(properties['DefinitionSubstitutions']);
      const resolved = applySubstitutions(definition, substitutions);
      targets.push({ file: name, machine, ok: true, definition: resolved });
    } catch (error) {
      const problem = `${targetLabel({ file: name, machine })}: ${describeError(error)}`;
      targets.push({ file: name, machine, ok: false, problem });
    }
  }
  return targets;
}

async function readMachine(
  properties: JsonObject,
  file: string,
  readDefinitionFile: ReadDefinitionFile,
): Promise<unknown> {
  for (const field of ['Definition', 'DefinitionBody'] as const) {
    if (properties[field] !== undefined) return properties[field];
  }
  const text = properties['DefinitionString'];
  if (text !== undefined) {
    const json = intrinsicText(text);
    try {
      return JSON.parse(json);
    } catch (error) {
      throw new InputError(`DefinitionString is not valid JSON: ${describeError(error)}`, {
        cause: error,
      });
    }
  }
  for (const field of ['DefinitionUri', 'DefinitionS3Location'] as const) {
    const location = properties[field];
    if (location === undefined) continue;
    if (typeof location !== 'string' || location.startsWith('s3://')) {
      throw new InputError(
        `${field} points to Amazon S3, which check does not read: check the local definition file instead.`,
      );
    }
    const path = isAbsolute(location) ? location : join(dirname(file), location);
    return readDefinitionFile(path);
  }
  throw new InputError(
    'No Definition, DefinitionString, DefinitionUri or DefinitionS3Location to read.',
  );
}
