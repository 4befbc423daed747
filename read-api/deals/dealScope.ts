import { employerIs, readsEverything, type Principal } from '../../domain/access/index.js';

/**
 * The deals a caller may see (`visibleDeals`), in the shapes the totals queries answer for: `all`;
 * whole `partners`, named by a subquery (`SELECT partner_id …`) with its parameters; or the deals
 * one employee registered for their partner (`registrant`). Undefined for a mix of the last with
 * the others (a channel manager who is also a partner's sales rep): the direct computation answers.
 */
export type DealScope =
  | { readonly kind: 'all' }
  | { readonly kind: 'partners'; readonly partners: string; readonly params: readonly unknown[] }
  | { readonly kind: 'registrant'; readonly partnerId: string; readonly personId: string };

const none: DealScope = { kind: 'partners', partners: 'SELECT partner_id FROM partners WHERE 1 = 0', params: [] };

export const dealScope = (principal: Principal): DealScope | undefined => {
  if (readsEverything(principal)) return { kind: 'all' };
  if (principal.kind !== 'person') return none;
  const managing = principal.vendorRoles.filter((g) => g.role === 'channel_manager');
  if (managing.some((g) => g.regions === undefined)) return { kind: 'all' };
  const conditions: string[] = [];
  const params: unknown[] = [];
  const regions = managing.flatMap((g) => g.regions ?? []);
  if (regions.length) {
    conditions.push(`region IN (${regions.map(() => '?').join(', ')})`);
    params.push(...regions);
  }
  if (managing.length) {
    conditions.push('channel_manager_id = ?');
    params.push(principal.personId);
  }
  const selects = conditions.length ? [`SELECT partner_id FROM partners WHERE ${conditions.join(' OR ')}`] : [];
  const employer = principal.employer && employerIs(principal, principal.employer.partnerId);
  if (employer && employer.role !== 'admin' && employer.role !== 'manager')
    return selects.length ? undefined : { kind: 'registrant', partnerId: employer.partnerId, personId: principal.personId };
  if (employer) {
    selects.push('SELECT ?');
    params.push(employer.partnerId);
  }
  return selects.length ? { kind: 'partners', partners: selects.join(' UNION ALL '), params } : none;
};
