import type { Queryable } from './queryable.js';

/** Current version of each given stream (absent streams are left out): one index probe per stream. */
export const selectStreamVersions = async (
  db: Queryable,
  streamIds: readonly string[],
): Promise<Map<string, number>> => {
  const { rows } = await db.query<{ stream_id: string; version: number | null }>(
    `SELECT s.stream_id,
       (SELECT version FROM events WHERE stream_id = s.stream_id ORDER BY version DESC LIMIT 1) AS version
     FROM unnest($1::text[]) AS s(stream_id)`,
    [streamIds],
  );
  return new Map(rows.filter((r) => r.version !== null).map((r) => [r.stream_id, r.version as number]));
};
