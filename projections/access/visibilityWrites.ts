import type { SqlDb } from '../../infra/sql/sqlDb.js';

/** A visibility row: who sees which item, until when (null: without end). */
export type Reaches = Map<string, string | null>;

const UPSERT = `INSERT INTO access_visible_content (person_id, content_id, valid_until) VALUES (?, ?, ?)
  ON CONFLICT (person_id, content_id) DO UPDATE SET valid_until = excluded.valid_until`;
const DELETE_ONE = 'DELETE FROM access_visible_content WHERE person_id = ? AND content_id = ?';

/**
 * Brings one person's rows in line with `next`, touching only rows that change; with `scope`, only
 * the rows of those items are considered (a certification event re-evaluates a few items only).
 */
export const writePersonReach = async (db: SqlDb, personId: string, next: Reaches, scope?: ReadonlySet<string>) => {
  const current = await db.all<{ content_id: string; valid_until: string | null }>(
    'SELECT content_id, valid_until FROM access_visible_content WHERE person_id = ?', [personId]);
  for (const row of current) {
    if (scope && !scope.has(row.content_id)) continue;
    if (!next.has(row.content_id)) await db.run(DELETE_ONE, [personId, row.content_id]);
    else if (next.get(row.content_id) === row.valid_until) next.delete(row.content_id);
  }
  for (const [contentId, validUntil] of next) await db.run(UPSERT, [personId, contentId, validUntil]);
};

/** Brings one item's rows (its audience members) in line with `next`, keyed by person. */
export const writeContentReach = async (db: SqlDb, contentId: string, next: Reaches) => {
  const current = await db.all<{ person_id: string; valid_until: string | null }>(
    'SELECT person_id, valid_until FROM access_visible_content WHERE content_id = ?', [contentId]);
  for (const row of current) {
    if (!next.has(row.person_id)) await db.run(DELETE_ONE, [row.person_id, contentId]);
    else if (next.get(row.person_id) === row.valid_until) next.delete(row.person_id);
  }
  for (const [personId, validUntil] of next) await db.run(UPSERT, [personId, contentId, validUntil]);
};
