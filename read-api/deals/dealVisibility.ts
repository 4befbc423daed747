import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import { employerIs, personIdOf, readsEverything, type Principal } from '../../domain/access/index.js';
import type { ReadModels } from '../../projections/readModels.js';

type DealsWithPartners = ExpressionBuilder<ReadModels & { p: ReadModels['partners'] }, 'deals' | 'p'>;

/**
 * The deals a caller may see, as a SQL condition on `deals` left-joined with `partners` as `p`
 * (DESIGN §6): vendor readers all; channel managers their regions' and assigned partners'; a
 * partner's admin and manager all of their operating partner's; other employees those they registered.
 */
export const visibleDeals = (principal: Principal) => (eb: DealsWithPartners): Expression<SqlBool> => {
  if (readsEverything(principal)) return sql<SqlBool>`1 = 1`;
  if (principal.kind !== 'person') return sql<SqlBool>`1 = 0`;
  const any: Expression<SqlBool>[] = [];
  const managing = principal.vendorRoles.filter((g) => g.role === 'channel_manager');
  if (managing.some((g) => g.regions === undefined)) return sql<SqlBool>`1 = 1`;
  const regions = managing.flatMap((g) => g.regions ?? []);
  if (regions.length) any.push(eb('p.region', 'in', regions));
  if (managing.length) any.push(eb('p.channel_manager_id', '=', principal.personId));
  const employer = principal.employer && employerIs(principal, principal.employer.partnerId);
  if (employer) {
    const own = eb('deals.partner_id', '=', employer.partnerId);
    any.push(employer.role === 'admin' || employer.role === 'manager' ? own : eb.and([own, eb('deals.registered_by', '=', personIdOf(principal) ?? '')]));
  }
  return any.length ? eb.or(any) : sql<SqlBool>`1 = 0`;
};
