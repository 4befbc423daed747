import { sqlText } from '../../infra/sql/tableStatements.js';
import { t } from '../readModels/database.js';
import type { ReadModelDb } from '../readModels/readModelDb.js';

/** Epoch milliseconds, largest first. */
const descending = (values: Iterable<number>) => [...values].sort((a, b) => b - a);

/** The instant until which at least `k` of the expiries are still running: the k-th latest, or null. */
export const kthLatest = (expiries: readonly number[], k: number): number | null =>
  expiries.length >= k ? expiries[k - 1] : null;

/** Until when the partner stays ready to sell at least one product line, given `k` people needed per line. */
export const readyUntil = (lines: Readonly<Record<string, readonly number[]>>, k: number): string | null => {
  let best: number | null = null;
  for (const expiries of Object.values(lines)) {
    const until = kthLatest(expiries, k);
    if (until !== null && (best === null || until > best)) best = until;
  }
  return best === null ? null : new Date(best).toISOString();
};

const minCertifiedForReady = async (db: ReadModelDb): Promise<number> =>
  Number((await db.selectOne('scorecard_settings', ['value'], { key: 'minCertifiedForReady' }))?.value ?? 1);

/**
 * Partners whose picture is stale, per connection (one projection object serves every platform in a
 * process; transactions on one connection never overlap). A batch marks them, `settleReadiness`
 * recomputes each once: during a rebuild a partner's people events no longer re-aggregate it each time.
 */
const stale = new WeakMap<ReadModelDb, Set<string>>();

export const markReadinessStale = (db: ReadModelDb, partnerId: string) => {
  const partners = stale.get(db) ?? new Set<string>();
  partners.add(partnerId);
  stale.set(db, partners);
};

/** Recomputes every partner marked since the last settle (a rolled-back batch's marks are merely redone). */
export const settleReadiness = async (db: ReadModelDb) => {
  const partners = stale.get(db);
  if (!partners) return;
  stale.delete(db);
  const k = await minCertifiedForReady(db);
  for (const partnerId of partners) await refreshReadiness(db, partnerId, k);
};

const { scorecard_people: p, scorecard_certifications: c } = t;
const HELD = sqlText<{ person_id: string; product_line: string; expires_at: string }>(
  `SELECT c.${c.person_id}, c.${c.product_line}, MAX(c.${c.expires_at}) AS expires_at
   FROM ${p.$} p JOIN ${c.$} c ON c.${c.person_id} = p.${p.person_id}
   WHERE p.${p.partner_id} = ? AND c.${c.revoked} = 0
   GROUP BY c.${c.person_id}, c.${c.product_line}`,
);

/**
 * Recomputes a partner's certification picture from the projection's own people and certification
 * copies: for every current employee the latest expiry of a certification they hold (overall and per
 * product line). Only timestamps are stored; "valid now" is decided by the reader's clock.
 */
const refreshReadiness = async (db: ReadModelDb, partnerId: string, k: number) => {
  const rows = await db.query(HELD, [partnerId]);
  const perPerson = new Map<string, number>();
  const perLine = new Map<string, number[]>();
  for (const r of rows) {
    const at = Date.parse(r.expires_at);
    perPerson.set(r.person_id, Math.max(perPerson.get(r.person_id) ?? 0, at));
    perLine.set(r.product_line, [...(perLine.get(r.product_line) ?? []), at]);
  }
  const lines = Object.fromEntries(
    [...perLine.keys()].sort().map((line) => [line, descending(perLine.get(line) ?? [])]),
  );
  await db.update(
    'scorecard_partners',
    { partner_id: partnerId },
    {
      set: {
        certified_expiries: JSON.stringify(descending(perPerson.values())),
        line_expiries: JSON.stringify(lines),
        ready_until: readyUntil(lines, k),
      },
    },
  );
};
