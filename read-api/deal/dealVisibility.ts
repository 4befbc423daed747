import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { Principal } from '../../domain/access/index.js';
import type { Database } from '../../projections/readModels/database.js';
import { partnerReach } from '../partner/partnerVisibility.js';

type DealsWithPartners = ExpressionBuilder<Database & { p: Database['partners'] }, 'deals' | 'p'>;

/**
 * The deals a caller may see, as a SQL condition on `deals` left-joined with `partners` as `p`
 * (DESIGN §6): vendor readers all; channel managers their regions' and assigned partners'; a
 * partner's admin and manager all of their operating partner's; other employees those they registered.
 */
export const visibleDeals =
  (principal: Principal) =>
  (eb: DealsWithPartners): Expression<SqlBool> => {
    const reach = partnerReach(principal);
    if (reach === 'all') return sql<SqlBool>`1 = 1`;
    if (reach === 'none') return sql<SqlBool>`1 = 0`;
    const any: Expression<SqlBool>[] = [];
    if (reach.regions.length) any.push(eb('p.region', 'in', reach.regions));
    if (reach.managerId !== undefined) any.push(eb('p.channel_manager_id', '=', reach.managerId));
    const { employer } = reach;
    if (employer) {
      const own = eb('deals.partner_id', '=', employer.partnerId);
      any.push(
        employer.role === 'admin' || employer.role === 'manager'
          ? own
          : eb.and([own, eb('deals.registered_by', '=', reach.personId)]),
      );
    }
    return eb.or(any);
  };
