import type { ReadModelDb } from '../readModels/readModelDb.js';

/** A visibility row: who sees which item, until when (null: without end). */
export type Reaches = Map<string, string | null>;

const upsert = (db: ReadModelDb, personId: string, contentId: string, validUntil: string | null) =>
  db.upsert(
    'access_visible_content',
    { person_id: personId, content_id: contentId, valid_until: validUntil },
    { set: ['valid_until'] },
  );

/**
 * Brings one person's rows in line with `next`, touching only rows that change; with `scope`, only
 * the rows of those items are considered (a certification event re-evaluates a few items only).
 */
export const writePersonReach = async (
  db: ReadModelDb,
  personId: string,
  next: Reaches,
  scope?: ReadonlySet<string>,
) => {
  const current = await db.select('access_visible_content', ['content_id', 'valid_until'], { person_id: personId });
  for (const row of current) {
    if (scope && !scope.has(row.content_id)) continue;
    if (!next.has(row.content_id))
      await db.delete('access_visible_content', { person_id: personId, content_id: row.content_id });
    else if (next.get(row.content_id) === row.valid_until) next.delete(row.content_id);
  }
  for (const [contentId, validUntil] of next) await upsert(db, personId, contentId, validUntil);
};

/** Brings one item's rows (its audience members) in line with `next`, keyed by person. */
export const writeContentReach = async (db: ReadModelDb, contentId: string, next: Reaches) => {
  const current = await db.select('access_visible_content', ['person_id', 'valid_until'], { content_id: contentId });
  for (const row of current) {
    if (!next.has(row.person_id))
      await db.delete('access_visible_content', { person_id: row.person_id, content_id: contentId });
    else if (next.get(row.person_id) === row.valid_until) next.delete(row.person_id);
  }
  for (const [personId, validUntil] of next) await upsert(db, personId, contentId, validUntil);
};
