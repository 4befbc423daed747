import { z } from 'zod';
import { Customer } from '../deal/events.js';
import {
  DealId,
  defineEvent,
  Instant,
  LeadId,
  Money,
  Name,
  PartnerId,
  Reason,
  Slug,
  type EventOf,
} from '../shared/index.js';

/** Who acted: a person's id, `admin` for the admin key, or the system's name (a sweeper). */
const ActorId = z.string().min(1).max(200);

/** The vendor passes a lead on: a customer in a region interested in a product line (DESIGN §13). */
export const LeadRegistered = defineEvent(
  'LeadRegistered',
  z.object({
    leadId: LeadId,
    customer: Customer,
    region: Slug,
    productLine: Slug,
    estimatedValue: Money.optional(),
    source: Name,
    notes: Reason.optional(),
    registeredBy: ActorId,
    registeredAt: Instant,
  }),
);

/** One candidate of a routing decision, with the figures the rule compared. */
export const RoutingCandidate = z.object({
  partnerId: PartnerId,
  openLeads: z.number().int().min(0),
  converted: z.number().int().min(0),
  /** Leads that reached an outcome at the partner: converted, disqualified, declined or lapsed. */
  resolved: z.number().int().min(0),
  conversionPct: z.number().min(0).max(100).nullable(),
  assignedEver: z.number().int().min(0),
});
export type RoutingCandidate = z.infer<typeof RoutingCandidate>;

/** Which comparison made the winner win (against the runner-up). */
export const RoutingDecisive = z.enum([
  'only_candidate',
  'lowest_load',
  'best_conversion',
  'fewest_assigned',
  'partner_id',
]);
export type RoutingDecisive = z.infer<typeof RoutingDecisive>;

/**
 * The lead goes to a partner, by hand or by the routing rule. A routed assignment records the rule's
 * candidates in rank order (the best 20; `candidateCount` says how many were eligible) and why the
 * winner won, so an auditor can replay the decision. `previousPartnerId`: a reassignment by hand.
 */
export const LeadAssigned = defineEvent(
  'LeadAssigned',
  z.object({
    partnerId: PartnerId,
    by: z.enum(['manual', 'routing']),
    acceptBy: Instant,
    assignedBy: ActorId,
    assignedAt: Instant,
    previousPartnerId: PartnerId.optional(),
    routing: z
      .object({
        candidates: z.array(RoutingCandidate).min(1).max(20),
        candidateCount: z.number().int().min(1),
        /** Eligible partners left out because they declined the lead or let it lapse. */
        excludedCount: z.number().int().min(0),
        decidedBy: RoutingDecisive,
        reason: z.string().min(1).max(500),
      })
      .optional(),
  }),
);
export const LeadAccepted = defineEvent(
  'LeadAccepted',
  z.object({ partnerId: PartnerId, acceptedBy: ActorId, acceptedAt: Instant }),
);
export const LeadDeclined = defineEvent(
  'LeadDeclined',
  z.object({ partnerId: PartnerId, declinedBy: ActorId, reason: Reason }),
);
/** Nobody at the partner answered before `acceptBy`: the partner loses the lead and is never offered it again. */
export const LeadAcceptanceLapsed = defineEvent(
  'LeadAcceptanceLapsed',
  z.object({ partnerId: PartnerId, acceptBy: Instant }),
);
/** The lead became a deal registration (`dealId`) in the same atomic append. */
export const LeadConverted = defineEvent(
  'LeadConverted',
  z.object({ partnerId: PartnerId, dealId: DealId, convertedBy: ActorId }),
);
export const LeadDisqualified = defineEvent(
  'LeadDisqualified',
  z.object({ partnerId: PartnerId.optional(), disqualifiedBy: ActorId, reason: Reason }),
);

export const leadEvents = [
  LeadRegistered,
  LeadAssigned,
  LeadAccepted,
  LeadDeclined,
  LeadAcceptanceLapsed,
  LeadConverted,
  LeadDisqualified,
] as const;
export type LeadEvent = EventOf<typeof leadEvents>;

/*
 * A partner's lead load (`leadload-<partnerId>`): every assignment takes a place, every outcome frees
 * it, appended in the same atomic append as the lead's event with the version the routing read. Routing
 * compares these figures, so two concurrent routings cannot both see a partner as the least loaded.
 */
export const LeadOutcome = z.enum(['declined', 'lapsed', 'converted', 'disqualified', 'reassigned']);
export type LeadOutcome = z.infer<typeof LeadOutcome>;
export const PartnerLeadTaken = defineEvent('PartnerLeadTaken', z.object({ leadId: LeadId }));
export const PartnerLeadReleased = defineEvent(
  'PartnerLeadReleased',
  z.object({ leadId: LeadId, outcome: LeadOutcome }),
);
export const leadLoadEvents = [PartnerLeadTaken, PartnerLeadReleased] as const;
export type LeadLoadEvent = EventOf<typeof leadLoadEvents>;
