/** A JSON value, as `JSON.parse` returns it. State machine definitions are plain JSON. */
export type Json = null | boolean | number | string | Json[] | JsonObject;

/** A JSON object. Index it with `obj['Key']`: its keys are data, not declared properties. */
export interface JsonObject {
  [key: string]: Json;
}

/**
 * Narrows a JSON value to an object (not an array, not null).
 *
 * @example
 * if (isJsonObject(state['Parameters'])) walk(state['Parameters']);
 */
export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
