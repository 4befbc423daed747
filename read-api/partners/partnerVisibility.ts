import { sql, type ExpressionBuilder, type Expression, type SqlBool } from 'kysely';
import { employerIs, readsEverything, type Principal } from '../../domain/access/index.js';
import type { ReadModels } from '../../projections/readModels.js';

/**
 * The partners a caller may see, as a SQL condition on `partners` (DESIGN §6): everything for vendor
 * readers, their regions or assignments for channel managers, their own operating partner for employees.
 */
export const visiblePartners = (p: Principal) => (eb: ExpressionBuilder<ReadModels, 'partners'>): Expression<SqlBool> => {
  if (readsEverything(p)) return sql<SqlBool>`1 = 1`;
  const any: Expression<SqlBool>[] = [];
  if (p.kind === 'person') {
    const managing = p.vendorRoles.filter((g) => g.role === 'channel_manager');
    if (managing.some((g) => g.regions === undefined)) return sql<SqlBool>`1 = 1`;
    const regions = managing.flatMap((g) => g.regions ?? []);
    if (regions.length) any.push(eb('partners.region', 'in', regions));
    if (managing.length) any.push(eb('partners.channel_manager_id', '=', p.personId));
    if (p.employer && employerIs(p, p.employer.partnerId)) any.push(eb('partners.partner_id', '=', p.employer.partnerId));
  }
  return any.length ? eb.or(any) : sql<SqlBool>`1 = 0`;
};
