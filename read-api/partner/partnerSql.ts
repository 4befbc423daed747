import type { Principal } from '../../domain/access/index.js';
import type { SqlDb } from '../../infra/sql/sqlDb.js';
import type { Database } from '../../projections/readModels/database.js';
import { type ExternalRefParam, ownersWithRefSql } from '../externalRef/externalRefs.js';
import { partnerReach } from './partnerVisibility.js';

/**
 * The by-id route's statements as fixed SQL text: each is prepared once and kept (the reader caches
 * statements by their text), where a query builder would build and compile the same query on every
 * request. The same portable SQL runs on SQLite and PostgreSQL (`?` placeholders).
 */
const visibleSql = (principal: Principal): { readonly test: string; readonly params: readonly string[] } => {
  const reach = partnerReach(principal);
  if (reach === 'all') return { test: '', params: [] };
  if (reach === 'none') return { test: ' AND 1 = 0', params: [] };
  const any: string[] = [];
  const params: string[] = [];
  if (reach.regions.length) {
    any.push(`region IN (${reach.regions.map(() => '?').join(', ')})`);
    params.push(...reach.regions);
  }
  if (reach.managerId !== undefined) {
    any.push('channel_manager_id = ?');
    params.push(reach.managerId);
  }
  if (reach.employer) {
    any.push('partner_id = ?');
    params.push(reach.employer.partnerId);
  }
  return { test: ` AND (${any.join(' OR ')})`, params };
};

/** The partner row, if the caller may see it (DESIGN §6, as `visiblePartners` says it). */
export const visiblePartnerRow = (reader: SqlDb, principal: Principal, id: string) => {
  const visible = visibleSql(principal);
  return reader.get<Database['partners']>(`SELECT * FROM partners WHERE partner_id = ?${visible.test}`, [
    id,
    ...visible.params,
  ]);
};

/** The directory's filters, as `GET /partners` validates them. */
export interface PartnerFilters {
  readonly status?: string;
  readonly tier?: string;
  readonly region?: string;
  readonly type?: string;
  readonly parentPartnerId?: string;
  readonly channelManagerId?: string;
  readonly q?: string;
  readonly externalRef?: ExternalRefParam;
  readonly cursor?: string;
  readonly limit: number;
}

const equalities = [
  ['status', 'status'],
  ['tier', 'tier'],
  ['region', 'region'],
  ['type', 'type'],
  ['parentPartnerId', 'parent_partner_id'],
  ['channelManagerId', 'channel_manager_id'],
] as const;

/**
 * One page of the directory in id order, what the caller may see and the filters select, `limit + 1`
 * rows: one SQL text per combination of filters given, so each stays prepared.
 */
export const visiblePartnerPage = (reader: SqlDb, principal: Principal, f: PartnerFilters) => {
  const visible = visibleSql(principal);
  let where = '';
  const params: unknown[] = [];
  for (const [key, column] of equalities) {
    const value = f[key];
    if (value === undefined) continue;
    where += ` AND ${column} = ?`;
    params.push(value);
  }
  if (f.q) {
    where += ' AND name LIKE ?';
    params.push(`%${f.q.replace(/[%_]/g, '')}%`);
  }
  if (f.externalRef) {
    const known = ownersWithRefSql('partner_id', 'partner', f.externalRef);
    where += ` AND ${known.sql}`;
    params.push(...known.params);
  }
  if (f.cursor) {
    where += ' AND partner_id > ?';
    params.push(f.cursor);
  }
  return reader.all<Database['partners']>(
    `SELECT * FROM partners WHERE 1 = 1${visible.test}${where} ORDER BY partner_id LIMIT ?`,
    [...visible.params, ...params, f.limit + 1],
  );
};

export const partnerQuotas = (reader: SqlDb, id: string) =>
  reader.all<Pick<Database['partner_quotas'], 'period' | 'amount_minor' | 'currency'>>(
    'SELECT period, amount_minor, currency FROM partner_quotas WHERE partner_id = ? ORDER BY period',
    [id],
  );

/** The latest four plans of a partner, newest first. */
export const latestPlans = (reader: SqlDb, id: string) =>
  reader.all<Database['partner_plans']>(
    'SELECT * FROM partner_plans WHERE partner_id = ? ORDER BY period DESC LIMIT 4',
    [id],
  );
