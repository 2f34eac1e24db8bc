import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { ASL_FORMATS } from './aslFormats.ts';
import {
  correctedAslSchemas,
  type QueryLanguage,
  STATE_TYPES,
  type StateType,
  stateSchemaRef,
} from './correctedAslSchemas.ts';
import type { StateValidator } from './SchemaError.ts';

/** Ajv as asl-validator configures it, over the corrected schemas. */
export function aslAjv(options: Record<string, unknown> = {}): Ajv {
  const ajv = new Ajv({ schemas: correctedAslSchemas(), allowUnionTypes: true, ...options });
  (addFormats as unknown as (ajv: Ajv) => void)(ajv);
  return ajv;
}

/** The state validators by `Type:QueryLanguage`, each compiled the first time it is asked for. */
export interface StateValidators {
  get(key: string): StateValidator | undefined;
}

/**
 * One validator per state type and query language from asl-validator's corrected schemas, each
 * compiled by Ajv on first use: compiling all sixteen takes about 0.3 s, and a definition usually
 * holds a few state types, so a small `check` compiles only those.
 *
 * @example
 * const validators = compileStateValidators();
 * validators.get('Pass:JSONPath')?.({ Type: 'Pass', QueryLanguage: 'JSONPath', End: true });
 */
export function compileStateValidators(): StateValidators {
  let ajv: Ajv | undefined;
  const compiled = new Map<string, StateValidator>();
  const known = new Set(
    (STATE_TYPES as readonly StateType[]).flatMap((type) =>
      (['JSONPath', 'JSONata'] as QueryLanguage[]).map((language) => `${type}:${language}`),
    ),
  );
  return {
    get(key) {
      if (!known.has(key)) return undefined;
      const cached = compiled.get(key);
      if (cached !== undefined) return cached;
      if (ajv === undefined) {
        ajv = aslAjv();
        for (const [name, format] of Object.entries(ASL_FORMATS)) ajv.addFormat(name, format);
      }
      const [type, language] = key.split(':') as [StateType, QueryLanguage];
      const validate = ajv.getSchema(stateSchemaRef(type, language));
      if (validate === undefined) throw new Error(`No schema ${stateSchemaRef(type, language)}`);
      compiled.set(key, validate as unknown as StateValidator);
      return validate as unknown as StateValidator;
    },
  };
}
