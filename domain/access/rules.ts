import type { VendorRole } from '../shared/index.js';
import type { Caller, Employer } from './principal.js';

/** What access rules need to know of a partner. */
export interface PartnerScope {
  readonly partnerId: string;
  readonly region?: string;
  readonly channelManagerId?: string;
}

/** The admin key and the system hold every vendor role; people and API clients those granted. */
export const hasVendorRole = (p: Caller, role: VendorRole): boolean =>
  p.kind === 'admin-key' || p.kind === 'system' || p.vendorRoles.some((g) => g.role === role);

export const isVendorAdmin = (p: Caller): boolean => hasVendorRole(p, 'vendor_admin');

/** Vendor admins, auditors and analysts read everything. */
export const readsEverything = (p: Caller): boolean =>
  isVendorAdmin(p) || hasVendorRole(p, 'auditor') || hasVendorRole(p, 'analyst');

/** Vendor admins and analysts: who may export the analytics views (README "Read models for analysts"). */
export const readsAnalytics = (p: Caller): boolean => isVendorAdmin(p) || hasVendorRole(p, 'analyst');

/** Vendor admin, or a channel manager whose regions cover the partner or who is assigned to it. */
export const managesPartner = (p: Caller, partner: PartnerScope): boolean => {
  if (isVendorAdmin(p)) return true;
  if (p.kind !== 'person' && p.kind !== 'api-client') return false;
  if (p.kind === 'person' && partner.channelManagerId === p.personId && hasVendorRole(p, 'channel_manager'))
    return true;
  return p.vendorRoles.some(
    (g) =>
      g.role === 'channel_manager' &&
      (g.regions === undefined || (partner.region !== undefined && g.regions.includes(partner.region))),
  );
};

/** True for a channel manager (of any scope) or vendor admin: someone who may act on partners at all. */
export const isChannelStaff = (p: Caller): boolean => isVendorAdmin(p) || hasVendorRole(p, 'channel_manager');

/** The caller's employer when it is `partnerId` and still operating (suspended or terminated: nothing). */
export const employerIs = (p: Caller, partnerId: string): Employer | undefined =>
  p.kind === 'person' &&
  p.employer?.partnerId === partnerId &&
  (p.employer.status === 'approved' || p.employer.status === 'active')
    ? p.employer
    : undefined;

export const seesPartner = (p: Caller, partner: PartnerScope): boolean =>
  readsEverything(p) || managesPartner(p, partner) || employerIs(p, partner.partnerId) !== undefined;

export const isPartnerAdminOf = (p: Caller, partnerId: string): boolean => employerIs(p, partnerId)?.role === 'admin';

export const personIdOf = (p: Caller): string | undefined => (p.kind === 'person' ? p.personId : undefined);
