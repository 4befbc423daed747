import type { Principal } from '../../domain/access/index.js';
import { partnerReach } from '../partner/partnerVisibility.js';

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
  const reach = partnerReach(principal);
  if (reach === 'all') return { kind: 'all' };
  if (reach === 'none') return none;
  const conditions: string[] = [];
  const params: unknown[] = [];
  if (reach.regions.length) {
    conditions.push(`region IN (${reach.regions.map(() => '?').join(', ')})`);
    params.push(...reach.regions);
  }
  if (reach.managerId !== undefined) {
    conditions.push('channel_manager_id = ?');
    params.push(reach.managerId);
  }
  const selects = conditions.length ? [`SELECT partner_id FROM partners WHERE ${conditions.join(' OR ')}`] : [];
  const { employer } = reach;
  if (employer && employer.role !== 'admin' && employer.role !== 'manager')
    return selects.length ? undefined : { kind: 'registrant', partnerId: employer.partnerId, personId: reach.personId };
  if (employer) {
    selects.push('SELECT ?');
    params.push(employer.partnerId);
  }
  return { kind: 'partners', partners: selects.join(' UNION ALL '), params };
};
