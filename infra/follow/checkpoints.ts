import type { SqlDb } from '../sql/sqlDb.js';

export const readCheckpoints = async (db: SqlDb): Promise<Map<string, number>> => {
  const rows = await db.all<{ name: string; position: number }>('SELECT name, position FROM projection_checkpoints');
  return new Map(rows.map((r) => [r.name, Number(r.position)]));
};

export const writeCheckpoint = (db: SqlDb, name: string, position: number, at: string) =>
  db.run(
    `INSERT INTO projection_checkpoints (name, position, updated_at) VALUES (?, ?, ?)
     ON CONFLICT (name) DO UPDATE SET position = excluded.position, updated_at = excluded.updated_at`,
    [name, position, at],
  );
