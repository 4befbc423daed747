import { z } from 'zod';

/** `limit` for every list: 1..500, default 50. */
export const Limit = z.coerce.number().int().min(1).max(500).default(50);

/** Opaque cursors: base64url JSON of the last row's sort key; a tampered cursor is a 400. */
export const encodeCursor = (key: unknown): string => Buffer.from(JSON.stringify(key)).toString('base64url');
export const Cursor = z
  .string()
  .max(1000)
  .transform((s, ctx) => {
    try {
      return JSON.parse(Buffer.from(s, 'base64url').toString()) as unknown;
    } catch {
      ctx.addIssue({ code: 'custom', message: 'not a cursor from this API' });
      return z.NEVER;
    }
  });

/** Cursor of a string sort key (ids). */
export const StringCursor = Cursor.pipe(z.string({ error: 'not a cursor from this API' }));

export interface Page<T> {
  readonly items: T[];
  readonly nextCursor: string | null;
}

/** Fetch `limit + 1` rows; the extra row only says that there is a next page. */
export const toPage = <R, T>(
  rows: readonly R[],
  limit: number,
  map: (r: R) => T,
  keyOf: (r: R) => unknown,
): Page<T> => {
  const more = rows.length > limit;
  const visible = more ? rows.slice(0, limit) : rows;
  return { items: visible.map(map), nextCursor: more ? encodeCursor(keyOf(visible[visible.length - 1])) : null };
};
