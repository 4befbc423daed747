import { employerIs, readsEverything, type Principal } from '../../domain/access/index.js';

/** A SQL condition on `scorecard_partners` (alias `sp`) with its parameters. */
export interface Scope {
  readonly sql: string;
  readonly params: readonly unknown[];
}

const everything: Scope = { sql: '1 = 1', params: [] };
const nothing: Scope = { sql: '1 = 0', params: [] };

/**
 * The partners whose scorecards a caller may see (DESIGN §6, as read-api/partners/partnerVisibility.ts):
 * vendor readers all, channel managers their regions and assignments, employees their own partner.
 */
export const visibleScorecards = (p: Principal): Scope => {
  if (readsEverything(p)) return everything;
  if (p.kind !== 'person') return nothing;
  const managing = p.vendorRoles.filter((g) => g.role === 'channel_manager');
  if (managing.some((g) => g.regions === undefined)) return everything;
  const any: string[] = [];
  const params: unknown[] = [];
  const regions = managing.flatMap((g) => g.regions ?? []);
  if (regions.length) {
    any.push(`sp.region IN (${regions.map(() => '?').join(', ')})`);
    params.push(...regions);
  }
  if (managing.length) {
    any.push('sp.channel_manager_id = ?');
    params.push(p.personId);
  }
  if (p.employer && employerIs(p, p.employer.partnerId)) {
    any.push('sp.partner_id = ?');
    params.push(p.employer.partnerId);
  }
  return any.length ? { sql: `(${any.join(' OR ')})`, params } : nothing;
};

/** Vendor staff (any vendor role, or the admin key): who channel-wide dashboards are for. */
export const isVendorStaff = (p: Principal): boolean => p.kind === 'admin-key' || p.vendorRoles.length > 0;

/** A channel manager who sees only some partners (their regions and assignments), not the whole channel. */
export const seesPartOfChannel = (p: Principal): boolean => visibleScorecards(p) !== everything;
