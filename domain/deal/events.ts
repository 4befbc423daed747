import { z } from 'zod';
import {
  CountryCode,
  DealId,
  LeadId,
  defineEvent,
  Instant,
  IsoDate,
  Money,
  Name,
  PartnerId,
  PersonId,
  Reason,
  Slug,
  type EventOf,
} from '../shared/index.js';
import { CustomerDomain } from './customerDomain.js';

export const Customer = z.object({ name: Name, domain: CustomerDomain, country: CountryCode });

/**
 * A partner's employee registers a deal; `registeredAt` is the decider's `now` (closing dates are
 * checked against it).
 */
export const DealRegistered = defineEvent(
  'DealRegistered',
  z.object({
    dealId: DealId,
    partnerId: PartnerId,
    registeredBy: PersonId,
    customer: Customer,
    productLine: Slug,
    estimatedValue: Money,
    expectedCloseDate: IsoDate,
    registeredAt: Instant,
    /** The vendor-sourced lead this registration converts (DESIGN §13). */
    leadId: LeadId.optional(),
  }),
);
/**
 * The registration collides with other partners' pending or protected registrations of the same
 * customer and product line.
 */
export const DealConflictDetected = defineEvent(
  'DealConflictDetected',
  z.object({ conflictingDealIds: z.array(DealId).min(1).max(100_000) }),
);
export const DealApproved = defineEvent(
  'DealApproved',
  z.object({ protectedUntil: Instant, protectionDays: z.number().int().min(1).max(3650) }),
);
export const DealRejected = defineEvent('DealRejected', z.object({ reason: Reason }));
export const DealWithdrawn = defineEvent('DealWithdrawn', z.object({ reason: Reason.optional() }));
export const DealProtectionExtended = defineEvent(
  'DealProtectionExtended',
  z.object({ protectedUntil: Instant, reason: Reason }),
);
export const DealWon = defineEvent('DealWon', z.object({ amount: Money, closedAt: Instant }));
export const DealLost = defineEvent('DealLost', z.object({ reason: Reason }));
/** Protection lapsed without a win or a loss; `protectedUntil` is the end that lapsed. */
export const DealExpired = defineEvent('DealExpired', z.object({ protectedUntil: Instant }));

export const dealEvents = [
  DealRegistered,
  DealConflictDetected,
  DealApproved,
  DealRejected,
  DealWithdrawn,
  DealProtectionExtended,
  DealWon,
  DealLost,
  DealExpired,
] as const;
export type DealEvent = EventOf<typeof dealEvents>;

/*
 * The reservation stream `claim-<domain>:<productLine>`: one per customer and product line. Every deal
 * command that changes who may hold protection appends here too, in the same atomic append and with the
 * version it read as expectation, so that concurrent decisions about one customer are serialised.
 */
export const ClaimReleaseReason = z.enum(['rejected', 'withdrawn', 'lost', 'expired']);
export const DealClaimRequested = defineEvent('DealClaimRequested', z.object({ dealId: DealId, partnerId: PartnerId }));
export const DealClaimHeld = defineEvent(
  'DealClaimHeld',
  z.object({ dealId: DealId, partnerId: PartnerId, protectedUntil: Instant }),
);
export const DealClaimWon = defineEvent('DealClaimWon', z.object({ dealId: DealId }));
export const DealClaimReleased = defineEvent(
  'DealClaimReleased',
  z.object({ dealId: DealId, reason: ClaimReleaseReason }),
);

export const dealClaimEvents = [DealClaimRequested, DealClaimHeld, DealClaimWon, DealClaimReleased] as const;
export type DealClaimEvent = EventOf<typeof dealClaimEvents>;
