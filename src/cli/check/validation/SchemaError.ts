/** The part of an Ajv error that `describeSchemaError` reads. */
export interface SchemaError {
  readonly instancePath: string;
  readonly keyword: string;
  readonly params: Readonly<Record<string, unknown>>;
  readonly message?: string | undefined;
}

/** A compiled validator of one state type in one query language. */
export interface StateValidator {
  (data: unknown): boolean;
  errors?: readonly SchemaError[] | null | undefined;
}
