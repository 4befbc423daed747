/**
 * State as plain JSON: Maps become objects, Sets arrays, Dates ISO strings (JSON.stringify would drop
 * them), and a value with its own `toJSON` (a GrowingSet) what that gives.
 */
export const plainJson = (value: unknown): unknown => {
  if (value instanceof Map) return Object.fromEntries([...value].map(([k, v]) => [String(k), plainJson(v)]));
  if (value instanceof Set) return [...value].map(plainJson);
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(plainJson);
  if (hasToJson(value)) return plainJson(value.toJSON());
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plainJson(v)]));
  return value;
};

const hasToJson = (value: unknown): value is { toJSON: () => unknown } =>
  typeof value === 'object' && value !== null && typeof (value as { toJSON?: unknown }).toJSON === 'function';
