/** A plain JSON object as it arrives in a Step Functions state input. */
export type JsonObject = { readonly [key: string]: unknown };

/** True for a non-null, non-array object. */
export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Reads an own property only. A payload may carry `__proto__` or `constructor` keys; an inherited
 * lookup could then read (or be steered by) `Object.prototype` instead of the payload.
 */
export function ownValue(object: JsonObject, key: string): unknown {
  return Object.hasOwn(object, key) ? object[key] : undefined;
}
