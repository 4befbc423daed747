import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import { isChannelStaff, readsEverything, type Principal } from '../../domain/access/index.js';
import type { Database } from '../../projections/readModels/database.js';
import { partnerReach } from '../partner/partnerVisibility.js';

type LeadsWithHolders = ExpressionBuilder<Database & { p: Database['partners'] }, 'leads' | 'p'>;

/**
 * The leads a caller may see, as a SQL condition on `leads` left-joined with its holder in `partners`
 * as `p` (the rule of `seesLead`): vendor readers all; channel managers those of their regions and
 * those held by partners in their regions or assigned to them; the holder's admins and managers; a
 * sales rep the leads they converted. A lead a partner declined, let lapse or lost is not its any more.
 */
export const visibleLeads =
  (principal: Principal) =>
  (eb: LeadsWithHolders): Expression<SqlBool> => {
    const reach = partnerReach(principal);
    if (reach === 'all') return sql<SqlBool>`1 = 1`;
    if (reach === 'none') return sql<SqlBool>`1 = 0`;
    const any: Expression<SqlBool>[] = [];
    if (reach.regions.length) {
      any.push(eb('leads.region', 'in', reach.regions));
      any.push(eb('p.region', 'in', reach.regions));
    }
    if (reach.managerId !== undefined) any.push(eb('p.channel_manager_id', '=', reach.managerId));
    const { employer } = reach;
    if (employer) {
      const own = eb('leads.partner_id', '=', employer.partnerId);
      any.push(
        employer.role === 'admin' || employer.role === 'manager'
          ? own
          : eb.and([own, eb('leads.converted_by', '=', reach.personId)]),
      );
    }
    return eb.or(any);
  };

/**
 * Vendor staff see a lead's whole history (every partner offered it, the routing candidates); partners
 * only their own part.
 */
export const seesLeadHistory = (principal: Principal): boolean =>
  readsEverything(principal) || isChannelStaff(principal);
