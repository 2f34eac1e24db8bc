import type { StateValidator } from '../SchemaError.ts';

/** The validator of each state type in each query language, by `Type:QueryLanguage`. */
export declare const STATE_VALIDATORS: Readonly<Record<string, StateValidator>>;
