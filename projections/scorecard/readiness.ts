import type { SqlDb } from '../../infra/sql/sqlDb.js';

/** Epoch milliseconds, largest first. */
const descending = (values: Iterable<number>) => [...values].sort((a, b) => b - a);

/** The instant until which at least `k` of the expiries are still running: the k-th latest, or null. */
export const kthLatest = (expiries: readonly number[], k: number): number | null => (expiries.length >= k ? expiries[k - 1] : null);

/** Until when the partner stays ready to sell at least one product line, given `k` people needed per line. */
export const readyUntil = (lines: Readonly<Record<string, readonly number[]>>, k: number): string | null => {
  let best: number | null = null;
  for (const expiries of Object.values(lines)) {
    const until = kthLatest(expiries, k);
    if (until !== null && (best === null || until > best)) best = until;
  }
  return best === null ? null : new Date(best).toISOString();
};

const minCertifiedForReady = async (db: SqlDb): Promise<number> =>
  Number((await db.get<{ value: string }>(`SELECT value FROM scorecard_settings WHERE key = 'minCertifiedForReady'`))?.value ?? 1);

/**
 * Partners whose picture is stale, per connection (one projection object serves every platform in a
 * process; transactions on one connection never overlap). A batch marks them, `settleReadiness`
 * recomputes each once: during a rebuild a partner's people events no longer re-aggregate it each time.
 */
const stale = new WeakMap<SqlDb, Set<string>>();

export const markReadinessStale = (db: SqlDb, partnerId: string) => {
  const partners = stale.get(db) ?? new Set<string>();
  partners.add(partnerId);
  stale.set(db, partners);
};

/** Recomputes every partner marked since the last settle (a rolled-back batch's marks are merely redone). */
export const settleReadiness = async (db: SqlDb) => {
  const partners = stale.get(db);
  if (!partners) return;
  stale.delete(db);
  const k = await minCertifiedForReady(db);
  for (const partnerId of partners) await refreshReadiness(db, partnerId, k);
};

/**
 * Recomputes a partner's certification picture from the projection's own people and certification
 * copies: for every current employee the latest expiry of a certification they hold (overall and per
 * product line). Only timestamps are stored; "valid now" is decided by the reader's clock.
 */
const refreshReadiness = async (db: SqlDb, partnerId: string, k: number) => {
  const rows = await db.all<{ person_id: string; product_line: string; expires_at: string }>(
    `SELECT c.person_id, c.product_line, MAX(c.expires_at) AS expires_at
     FROM scorecard_people p JOIN scorecard_certifications c ON c.person_id = p.person_id
     WHERE p.partner_id = ? AND c.revoked = 0
     GROUP BY c.person_id, c.product_line`,
    [partnerId],
  );
  const perPerson = new Map<string, number>();
  const perLine = new Map<string, number[]>();
  for (const r of rows) {
    const at = Date.parse(r.expires_at);
    perPerson.set(r.person_id, Math.max(perPerson.get(r.person_id) ?? 0, at));
    perLine.set(r.product_line, [...(perLine.get(r.product_line) ?? []), at]);
  }
  const lines = Object.fromEntries([...perLine.keys()].sort().map((line) => [line, descending(perLine.get(line) ?? [])]));
  await db.run('UPDATE scorecard_partners SET certified_expiries = ?, line_expiries = ?, ready_until = ? WHERE partner_id = ?', [
    JSON.stringify(descending(perPerson.values())), JSON.stringify(lines), readyUntil(lines, k), partnerId,
  ]);
};
