/**
 * The value, failing the test when it is missing: what a non-null assertion (`!`) only claims to the
 * compiler, checked.
 */
export const must = <T>(value: T | null | undefined, what: string): T => {
  if (value === null || value === undefined) throw new Error(`${what} is missing`);
  return value;
};
