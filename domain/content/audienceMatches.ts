import type { Audience } from './audience.js';

export interface HeldCertification {
  readonly expiresAt: string;
  readonly revoked: boolean;
}

/** A partner person as the audience rule sees them: their employer's attributes, role and certifications. */
export interface AudienceCandidate {
  readonly partnerId: string;
  readonly tier?: string;
  readonly region?: string;
  readonly partnerType?: string;
  readonly role: string;
  readonly certifications: Readonly<Record<string, HeldCertification | undefined>>;
}

/** How long an audience reaches someone: `null` without end, else until that instant (exclusive). */
export interface Reach {
  readonly validUntil: string | null;
}

const within = (list: readonly string[] | undefined, value: string | undefined) =>
  list === undefined || (value !== undefined && list.includes(value));

/**
 * The audience rule without the clock (DESIGN §4): every list given must contain the candidate,
 * and every required program must be held and not revoked; the reach then ends at the earliest
 * expiry among those certifications. Undefined when the audience does not reach the candidate.
 */
export const audienceReach = (a: Audience, c: AudienceCandidate): Reach | undefined => {
  if (!within(a.partnerIds, c.partnerId) || !within(a.tiers, c.tier) || !within(a.regions, c.region)) return undefined;
  if (!within(a.partnerTypes, c.partnerType) || !within(a.roles, c.role)) return undefined;
  let validUntil: string | null = null;
  let earliest = Number.POSITIVE_INFINITY;
  for (const programId of a.requiredPrograms ?? []) {
    const held = c.certifications[programId];
    if (!held || held.revoked) return undefined;
    const expires = Date.parse(held.expiresAt);
    if (expires < earliest) {
      earliest = expires;
      validUntil = held.expiresAt;
    }
  }
  return { validUntil };
};

/** Whether a reach still holds at `now`: a certification stops counting at its expiry instant. */
export const reachHolds = (r: Reach | undefined, now: Date): boolean =>
  r !== undefined && (r.validUntil === null || now.getTime() < Date.parse(r.validUntil));

/** The audience rule at an instant: all-of across lists, any-of within a list, required programs valid now. */
export const audienceMatches = (a: Audience, c: AudienceCandidate, now: Date): boolean =>
  reachHolds(audienceReach(a, c), now);
