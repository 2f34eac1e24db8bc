/** Names a value's JSON type without echoing the value (it may be large or sensitive). */
export function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `a string of ${value.length} characters`;
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'boolean' || typeof value === 'number') return String(value);
  return typeof value;
}
