import { sql, type ExpressionBuilder, type Expression, type SqlBool } from 'kysely';
import { employerIs, readsEverything, type Employer, type Principal } from '../../domain/access/index.js';
import type { Database } from '../../projections/readModels/database.js';

/**
 * Which partners a caller may see (DESIGN §6), before any SQL: `all` for vendor readers and channel
 * managers of every region; `none`; or those in `regions`, those assigned to `managerId` (a channel
 * manager's own id) and the caller's own operating partner (`employer`), with at least one of them.
 * Each read model renders it over its own tables (partners, scorecards, deals).
 */
export type PartnerReach =
  | 'all'
  | 'none'
  | {
      readonly personId: string;
      readonly regions: string[];
      readonly managerId?: string;
      readonly employer?: Employer;
    };

export const partnerReach = (p: Principal): PartnerReach => {
  if (readsEverything(p)) return 'all';
  if (p.kind === 'admin-key') return 'none';
  const managing = p.vendorRoles.filter((g) => g.role === 'channel_manager');
  if (managing.some((g) => g.regions === undefined)) return 'all';
  const regions = managing.flatMap((g) => g.regions ?? []);
  // An API client manages by region only: no partner is assigned to it, and it works for no partner.
  const person = p.kind === 'person' ? p : undefined;
  const managerId = managing.length ? person?.personId : undefined;
  const employer = person?.employer && employerIs(person, person.employer.partnerId);
  if (!regions.length && managerId === undefined && !employer) return 'none';
  return {
    personId: person?.personId ?? (p.kind === 'api-client' ? p.clientId : ''),
    regions,
    ...(managerId === undefined ? {} : { managerId }),
    ...(employer ? { employer } : {}),
  };
};

/**
 * The partners a caller may see, as a SQL condition on `partners` (DESIGN §6): everything for vendor
 * readers, their regions or assignments for channel managers, their own operating partner for employees.
 */
export const visiblePartners =
  (p: Principal) =>
  (eb: ExpressionBuilder<Database, 'partners'>): Expression<SqlBool> => {
    const reach = partnerReach(p);
    if (reach === 'all') return sql<SqlBool>`1 = 1`;
    if (reach === 'none') return sql<SqlBool>`1 = 0`;
    const any: Expression<SqlBool>[] = [];
    if (reach.regions.length) any.push(eb('partners.region', 'in', reach.regions));
    if (reach.managerId !== undefined) any.push(eb('partners.channel_manager_id', '=', reach.managerId));
    if (reach.employer) any.push(eb('partners.partner_id', '=', reach.employer.partnerId));
    return eb.or(any);
  };
