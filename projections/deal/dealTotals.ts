import type { ReadModelDb } from '../readModels/readModelDb.js';

/**
 * What one deal adds to the totals: its keys and its figures (`approved` 1 once approved, won
 * currency and amount only while won). The migration's GROUP BY over `deals` says the same in SQL;
 * tests/property/dealTotals.property.test.ts holds the two equal.
 */
export interface Share {
  registered_at: string;
  partner_id: string;
  product_line: string;
  status: string;
  currency: string;
  won_currency: string;
  estimated_value_minor: number;
  approved: number;
  conflicted: number;
  won_amount_minor: number;
}

/** The deal's share as its row stands (undefined when the row is missing). */
export const shareOf = async (db: ReadModelDb, dealId: string): Promise<Share | undefined> => {
  const row = await db.selectOne(
    'deals',
    [
      'registered_at',
      'partner_id',
      'product_line',
      'status',
      'currency',
      'won_currency',
      'estimated_value_minor',
      'approved_at',
      'conflict',
      'won_amount_minor',
    ],
    { deal_id: dealId },
  );
  if (!row) return undefined;
  const won = row.status === 'won';
  return {
    registered_at: row.registered_at,
    partner_id: row.partner_id,
    product_line: row.product_line,
    status: row.status,
    currency: row.currency,
    won_currency: won ? (row.won_currency ?? '') : '',
    estimated_value_minor: row.estimated_value_minor,
    approved: row.approved_at !== null ? 1 : 0,
    conflicted: row.conflict,
    won_amount_minor: won ? (row.won_amount_minor ?? 0) : 0,
  };
};

/** 0 - n, never -0 (which SQLite would store as a real). Spreads come last below: `{ ...x, y }` costs microseconds. */
const minus = (n: number) => 0 - n;

const lineKey = (s: Share) => ({ product_line: s.product_line, status: s.status, currency: s.currency });
const partnerKey = (s: Share) => ({ partner_id: s.partner_id, ...lineKey(s), won_currency: s.won_currency });
const dayKey = (s: Share) => ({ registered_day: s.registered_at.slice(0, 10), ...lineKey(s) });
const lineSums = (s: Share, sign: (n: number) => number) => ({
  estimated_value_minor: sign(s.estimated_value_minor),
  conflicted: sign(s.conflicted),
});
const partnerSums = (s: Share, sign: (n: number) => number) => ({
  approved: sign(s.approved),
  won_amount_minor: sign(s.won_amount_minor),
  ...lineSums(s, sign),
});
const same = (n: number) => n;
const PARTNER_SUMS = ['deals', 'estimated_value_minor', 'conflicted', 'approved', 'won_amount_minor'] as const;
const LINE_SUMS = ['deals', 'estimated_value_minor', 'conflicted'] as const;

/**
 * The totals tables: `deals` counts the deals of each key, the other figures are sums of their shares.
 * A key's last deal leaving takes the row with it, so that every row counts at least one deal: one
 * `UPDATE … RETURNING deals`, and a DELETE only when that reached 0 (a DELETE tried first cost three
 * statements more per status change).
 */
const totals = [
  {
    add: (db: ReadModelDb, s: Share) =>
      db.upsert('deal_partner_totals', { deals: 1, ...partnerKey(s), ...partnerSums(s, same) }, { add: PARTNER_SUMS }),
    remove: async (db: ReadModelDb, s: Share) => {
      const change = { add: { deals: -1, ...partnerSums(s, minus) } };
      const left = await db.updateReturning('deal_partner_totals', partnerKey(s), change, ['deals']);
      if (left?.deals === 0) await db.delete('deal_partner_totals', partnerKey(s));
    },
  },
  {
    add: (db: ReadModelDb, s: Share) =>
      db.upsert('deal_line_totals', { deals: 1, ...lineKey(s), ...lineSums(s, same) }, { add: LINE_SUMS }),
    remove: async (db: ReadModelDb, s: Share) => {
      const change = { add: { deals: -1, ...lineSums(s, minus) } };
      const left = await db.updateReturning('deal_line_totals', lineKey(s), change, ['deals']);
      if (left?.deals === 0) await db.delete('deal_line_totals', lineKey(s));
    },
  },
  {
    add: (db: ReadModelDb, s: Share) =>
      db.upsert('deal_day_totals', { deals: 1, ...dayKey(s), ...lineSums(s, same) }, { add: LINE_SUMS }),
    remove: async (db: ReadModelDb, s: Share) => {
      const change = { add: { deals: -1, ...lineSums(s, minus) } };
      const left = await db.updateReturning('deal_day_totals', dayKey(s), change, ['deals']);
      if (left?.deals === 0) await db.delete('deal_day_totals', dayKey(s));
    },
  },
];

/** A new deal joins the totals. */
export const addShare = async (db: ReadModelDb, share: Share) => {
  for (const table of totals) await table.add(db, share);
};

/** A deal's share changed (status, approval, win, conflict flag): it moves from its old keys to its new ones. */
export const moveShare = async (db: ReadModelDb, before: Share, after: Share) => {
  if ((Object.keys(before) as (keyof Share)[]).every((k) => before[k] === after[k])) return;
  for (const table of totals) {
    await table.remove(db, before);
    await table.add(db, after);
  }
};
