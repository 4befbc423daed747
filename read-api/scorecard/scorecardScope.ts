import type { Principal } from '../../domain/access/index.js';
import { partnerReach } from '../partner/partnerVisibility.js';

/** A SQL condition on `scorecard_partners` (alias `sp`) with its parameters. */
export interface Scope {
  readonly sql: string;
  readonly params: readonly unknown[];
}

/** Every partner: the scope of vendor readers and global channel managers, and of channel-wide figures. */
export const everything: Scope = { sql: '1 = 1', params: [] };
const nothing: Scope = { sql: '1 = 0', params: [] };

/**
 * The partners whose scorecards a caller may see (DESIGN §6, `partnerReach` over `scorecard_partners`):
 * vendor readers all, channel managers their regions and assignments, employees their own partner.
 */
export const visibleScorecards = (p: Principal): Scope => {
  const reach = partnerReach(p);
  if (reach === 'all') return everything;
  if (reach === 'none') return nothing;
  const any: string[] = [];
  const params: unknown[] = [];
  if (reach.regions.length) {
    any.push(`sp.region IN (${reach.regions.map(() => '?').join(', ')})`);
    params.push(...reach.regions);
  }
  if (reach.managerId !== undefined) {
    any.push('sp.channel_manager_id = ?');
    params.push(reach.managerId);
  }
  if (reach.employer) {
    any.push('sp.partner_id = ?');
    params.push(reach.employer.partnerId);
  }
  return { sql: `(${any.join(' OR ')})`, params };
};

/** Vendor staff (any vendor role, or the admin key): who channel-wide dashboards are for. */
export const isVendorStaff = (p: Principal): boolean => p.kind === 'admin-key' || p.vendorRoles.length > 0;
