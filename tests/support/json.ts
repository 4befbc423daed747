/**
 * Reading JSON answers in tests without `any`. An answer is `unknown` until read: `at` walks a path of
 * keys the way property access does (a step into null or undefined fails, a missing key is undefined),
 * and `str`, `num`, `list` and `obj` also check the type of what they find, so the compiler knows it.
 */
type Key = string | number;

const where = (path: readonly Key[]) =>
  path.map((k) => (typeof k === 'number' ? `[${k}]` : `.${k}`)).join('') || 'the value';

const fail = (path: readonly Key[], expected: string, found: unknown): never => {
  throw new TypeError(`expected ${expected} at ${where(path)}, found ${JSON.stringify(found)}`);
};

/** The value at `path` inside `value`, like `value.a.b[0]`. */
export const at = (value: unknown, ...path: Key[]): unknown => {
  let here = value;
  for (const [i, key] of path.entries()) {
    if (here === null || here === undefined) fail(path.slice(0, i), 'an object', here);
    here = (here as Readonly<Record<Key, unknown>>)[key];
  }
  return here;
};

/** The value at `path`, or undefined where a step finds nothing, like `value?.a?.b`. */
export const maybe = (value: unknown, ...path: Key[]): unknown => {
  let here = value;
  for (const key of path) {
    if (here === null || here === undefined) return undefined;
    here = (here as Readonly<Record<Key, unknown>>)[key];
  }
  return here;
};

export const str = (value: unknown, ...path: Key[]): string => {
  const found = at(value, ...path);
  return typeof found === 'string' ? found : fail(path, 'a string', found);
};

/** A string or null (a page's `nextCursor`). */
export const strOrNull = (value: unknown, ...path: Key[]): string | null => {
  const found = at(value, ...path);
  return found === null || typeof found === 'string' ? found : fail(path, 'a string or null', found);
};

export const num = (value: unknown, ...path: Key[]): number => {
  const found = at(value, ...path);
  return typeof found === 'number' ? found : fail(path, 'a number', found);
};

export const list = (value: unknown, ...path: Key[]): unknown[] => {
  const found = at(value, ...path);
  return Array.isArray(found) ? found : fail(path, 'an array', found);
};

export const obj = (value: unknown, ...path: Key[]): Readonly<Record<string, unknown>> => {
  const found = at(value, ...path);
  return typeof found === 'object' && found !== null && !Array.isArray(found)
    ? (found as Readonly<Record<string, unknown>>)
    : fail(path, 'an object', found);
};
