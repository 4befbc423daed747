import {
  employerIs,
  managesPartner,
  personIdOf,
  readsEverything,
  type Caller,
  type PartnerScope,
} from '../access/index.js';

/** What the deal rules need to know of a deal. */
export interface DealScope {
  readonly partnerId: string;
  readonly registeredBy: string;
}

/**
 * Who sees a deal (DESIGN §6): vendor admins, auditors and analysts all; channel managers their
 * partners' deals; a partner's admin and manager every deal of their (operating) partner; everyone
 * else at the partner only the deals they registered themselves.
 */
export const seesDeal = (p: Caller, deal: DealScope, partner: PartnerScope): boolean => {
  if (readsEverything(p) || managesPartner(p, partner)) return true;
  const employer = employerIs(p, deal.partnerId);
  if (!employer) return false;
  return employer.role === 'admin' || employer.role === 'manager' || personIdOf(p) === deal.registeredBy;
};

/** Channel staff over the partner: approve, reject, extend; also see colliding registrations side by side. */
export const decidesDeal = (p: Caller, partner: PartnerScope): boolean => managesPartner(p, partner);

/** The registrant, or the partner's admin or manager, while employed there: withdraw, report the outcome. */
export const ownsDeal = (p: Caller, deal: DealScope): boolean => {
  const employer = employerIs(p, deal.partnerId);
  return (
    employer !== undefined &&
    (employer.role === 'admin' || employer.role === 'manager' || personIdOf(p) === deal.registeredBy)
  );
};
