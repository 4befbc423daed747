import {
  employerIs,
  isVendorAdmin,
  managesPartner,
  personIdOf,
  readsEverything,
  type Caller,
} from '../access/index.js';

/** What the lead rules need to know of a lead. */
export interface LeadScope {
  readonly region: string;
  /** The partner holding it now, if any, with that partner's region and channel manager. */
  readonly holder?: { readonly partnerId: string; readonly region?: string; readonly channelManagerId?: string };
  /** The person who converted it into a deal. */
  readonly convertedBy?: string;
}

/** Vendor admins, and channel managers covering the lead's region: register, assign, route, disqualify. */
export const managesLead = (p: Caller, lead: Pick<LeadScope, 'region'>): boolean =>
  isVendorAdmin(p) || managesPartner(p, { partnerId: '', region: lead.region });

/**
 * Who sees a lead (DESIGN §13): vendor readers all; channel managers those of their regions and those
 * held by partners they manage; the holder's admins and managers; a sales rep the leads they converted.
 * A partner never learns of a lead held by another partner, or of one it no longer holds.
 */
export const seesLead = (p: Caller, lead: LeadScope): boolean => {
  if (readsEverything(p) || managesLead(p, lead)) return true;
  const holder = lead.holder;
  if (!holder) return false;
  if (managesPartner(p, holder)) return true;
  const employer = employerIs(p, holder.partnerId);
  if (!employer) return false;
  return employer.role === 'admin' || employer.role === 'manager' || personIdOf(p) === lead.convertedBy;
};

/** The holder's admins and managers answer the lead: accept, decline, convert, disqualify once accepted. */
export const answersLead = (p: Caller, lead: LeadScope): boolean => {
  const employer = lead.holder && employerIs(p, lead.holder.partnerId);
  return employer !== undefined && (employer.role === 'admin' || employer.role === 'manager');
};
