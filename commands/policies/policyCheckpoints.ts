import type { SqlDb } from '../../infra/sql/sqlDb.js';

/** Each policy's position in the log, in its own table: a projection rebuild never resets it. */
export const readPolicyCheckpoints = async (db: SqlDb): Promise<Map<string, number>> => {
  const rows = await db.all<{ name: string; position: number }>('SELECT name, position FROM policy_checkpoints');
  return new Map(rows.map((r) => [r.name, Number(r.position)]));
};

export const writePolicyCheckpoint = (db: SqlDb, name: string, position: number, at: string) =>
  db.run(
    `INSERT INTO policy_checkpoints (name, position, updated_at) VALUES (?, ?, ?)
     ON CONFLICT (name) DO UPDATE SET position = excluded.position, updated_at = excluded.updated_at
     WHERE excluded.position > policy_checkpoints.position`,
    [name, position, at],
  );
