import type { Money } from '../shared/index.js';
import type { RoutingCandidate, RoutingDecisive } from './events.js';

/** A routing decision as the rule took it (routing.ts), recorded with the assignment. */
export interface RoutingChoice {
  readonly candidates: readonly RoutingCandidate[];
  readonly candidateCount: number;
  readonly excludedCount: number;
  readonly decidedBy: RoutingDecisive;
  readonly reason: string;
}

/** Where a lead goes next: the partner, its status (the handler loads it), and how it was chosen. */
export interface NextAssignment {
  readonly partnerId: string;
  readonly partnerStatus: string;
  readonly by: 'manual' | 'routing';
  readonly assignedBy: string;
  /** The channel's `leadAcceptHours` now. */
  readonly acceptHours: number;
  readonly routing?: RoutingChoice;
}

/**
 * Commands on one lead. Facts from elsewhere (the channel's product lines and accept hours, the target
 * partner's status, the routing rule's choice) are loaded or computed by the handler.
 */
export type LeadCommand =
  | {
      type: 'RegisterLead';
      data: {
        leadId: string;
        customer: { name: string; domain: string; country: string };
        region: string;
        productLine: string;
        estimatedValue?: Money;
        source: string;
        notes?: string;
        registeredBy: string;
        productLines: readonly string[];
      };
    }
  | { type: 'AssignLead'; data: NextAssignment }
  | { type: 'AcceptLead'; data: { partnerId: string; acceptedBy: string } }
  | { type: 'DeclineLead'; data: { partnerId: string; declinedBy: string; reason: string } }
  /** The sweeper's: the acceptance window passed; `next` routes the lead on in the same decision. */
  | { type: 'LapseLead'; data: { next?: NextAssignment } }
  | { type: 'ConvertLead'; data: { partnerId: string; dealId: string; convertedBy: string } }
  | { type: 'DisqualifyLead'; data: { disqualifiedBy: string; reason: string } };

export type LeadLoadCommand =
  | { type: 'TakeLead'; data: { leadId: string } }
  | {
      type: 'ReleaseLead';
      data: { leadId: string; outcome: 'declined' | 'lapsed' | 'converted' | 'disqualified' | 'reassigned' };
    };
