import type { Queryable } from './queryable.js';

export const selectStreamVersion = async (db: Queryable, streamId: string): Promise<number> => {
  const { rows } = await db.query<{ version: number }>(
    'SELECT version FROM events WHERE stream_id = $1 ORDER BY version DESC LIMIT 1',
    [streamId],
  );
  return rows[0]?.version ?? 0;
};
