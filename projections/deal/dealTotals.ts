import type { SqlDb } from '../../infra/sql/sqlDb.js';

/**
 * What one deal adds to the totals: its keys and its figures (`approved` 1 once approved, won
 * currency and amount only while won). The migration's GROUP BY over `deals` says the same in SQL;
 * tests/property/dealTotals.property.test.ts holds the two equal.
 */
export interface Share {
  registered_at: string; partner_id: string; product_line: string; status: string; currency: string; won_currency: string;
  estimated_value_minor: number; approved: number; conflicted: number; won_amount_minor: number;
}
type Figures = Omit<Share, 'registered_at'> & { registered_day: string };
type Column = keyof Figures;

/** The deal's share as its row stands (undefined when the row is missing). */
export const shareOf = (db: SqlDb, dealId: string) =>
  db.get<Share>(
    `SELECT registered_at, partner_id, product_line, status, currency,
            CASE WHEN status = 'won' THEN COALESCE(won_currency, '') ELSE '' END AS won_currency,
            estimated_value_minor, CASE WHEN approved_at IS NOT NULL THEN 1 ELSE 0 END AS approved, conflict AS conflicted,
            CASE WHEN status = 'won' THEN COALESCE(won_amount_minor, 0) ELSE 0 END AS won_amount_minor
     FROM deals WHERE deal_id = ?`,
    [dealId],
  );

/** A totals table: `deals` counts the deals of each key, the other figures are sums of their shares. */
const totalsTable = (name: string, keys: readonly Column[], sums: readonly Column[]) => {
  const where = keys.map((k) => `${k} = ?`).join(' AND ');
  const add = `INSERT INTO ${name} (${[...keys, 'deals', ...sums].join(', ')}) VALUES (${[...keys.map(() => '?'), '1', ...sums.map(() => '?')].join(', ')})
    ON CONFLICT (${keys.join(', ')}) DO UPDATE SET ${['deals', ...sums].map((c) => `${c} = ${name}.${c} + ${c === 'deals' ? '1' : `excluded.${c}`}`).join(', ')}`;
  const subtract = `UPDATE ${name} SET ${['deals = deals - 1', ...sums.map((c) => `${c} = ${c} - ?`)].join(', ')} WHERE ${where} RETURNING deals`;
  const drop = `DELETE FROM ${name} WHERE ${where}`;
  return {
    add: (db: SqlDb, f: Figures) => db.run(add, [...keys.map((k) => f[k]), ...sums.map((c) => f[c])]),
    remove: async (db: SqlDb, f: Figures) => {
      const left = await db.get<{ deals: number }>(subtract, [...sums.map((c) => f[c]), ...keys.map((k) => f[k])]);
      // A key left with no deal goes, so that every row counts at least one deal.
      if (left && Number(left.deals) === 0) await db.run(drop, keys.map((k) => f[k]));
    },
  };
};

const totals = [
  totalsTable('deal_partner_totals', ['partner_id', 'product_line', 'status', 'currency', 'won_currency'], ['estimated_value_minor', 'approved', 'conflicted', 'won_amount_minor']),
  totalsTable('deal_line_totals', ['product_line', 'status', 'currency'], ['estimated_value_minor', 'conflicted']),
  totalsTable('deal_day_totals', ['registered_day', 'product_line', 'status', 'currency'], ['estimated_value_minor', 'conflicted']),
];

const figures = ({ registered_at, ...share }: Share): Figures => ({ ...share, registered_day: registered_at.slice(0, 10) });

/** A new deal joins the totals. */
export const addShare = async (db: SqlDb, share: Share) => {
  for (const table of totals) await table.add(db, figures(share));
};

/** A deal's share changed (status, approval, win, conflict flag): it moves from its old keys to its new ones. */
export const moveShare = async (db: SqlDb, before: Share, after: Share) => {
  if ((Object.keys(before) as (keyof Share)[]).every((k) => before[k] === after[k])) return;
  for (const table of totals) {
    await table.remove(db, figures(before));
    await table.add(db, figures(after));
  }
};
