import type { z } from 'zod';
import type { RoutingCandidate, RoutingDecisive } from '../../domain/lead/index.js';
import type { Database } from '../../projections/readModels/database.js';
import type { DealStatus } from '../deal/dealView.js';
import type { AssignmentKind, LeadAssignmentOut, LeadOut, LeadStatus, OfferOutcome } from './leadOut.js';

export type LeadRow = Database['leads'] & { partner_name: string | null };
type AssignmentRow = Database['lead_assignments'] & { partner_name: string | null };

const money = (amount: number | null, currency: string | null) =>
  amount === null || currency === null ? null : { amountMinor: Number(amount), currency };

/**
 * A lead as the API shows it. `full` (vendor staff) adds how many times it was offered; a partner sees
 * its own offer only, never that the lead went elsewhere before.
 */
export const leadView = (row: LeadRow, now: Date, full: boolean): z.input<typeof LeadOut> => ({
  id: row.lead_id,
  customer: { name: row.customer_name, domain: row.customer_domain, country: row.customer_country },
  region: row.region,
  productLine: row.product_line,
  estimatedValue: money(row.estimated_value_minor, row.currency),
  source: row.source,
  notes: row.notes,
  status: row.status as LeadStatus,
  partnerId: row.partner_id,
  partnerName: row.partner_name,
  assignedBy: row.assigned_by as AssignmentKind | null,
  assignedAt: row.assigned_at,
  acceptBy: row.accept_by,
  /** Assigned and past its deadline: lapsed, waiting for the sweeper to record it. */
  acceptOverdue: row.status === 'assigned' && row.accept_by !== null && row.accept_by <= now.toISOString(),
  acceptedAt: row.accepted_at,
  acceptedBy: row.accepted_by,
  convertedAt: row.converted_at,
  convertedBy: row.converted_by,
  dealId: row.deal_id,
  dealStatus: row.deal_status as DealStatus | null,
  wonAt: row.won_at,
  wonAmount: money(row.won_amount_minor, row.won_currency),
  disqualifiedAt: row.disqualified_at,
  reason: row.status_reason,
  assignmentCount: full ? Number(row.assignment_count) : null,
  registeredAt: row.registered_at,
  registeredBy: full ? row.registered_by : null,
  statusChangedAt: row.status_changed_at,
  version: Number(row.version),
});
export type LeadView = ReturnType<typeof leadView>;

/** One offer of the lead to a partner; the routing decision (candidates and reason) for vendor staff. */
export const assignmentView = (row: AssignmentRow, full: boolean): z.input<typeof LeadAssignmentOut> => ({
  seq: Number(row.seq),
  partnerId: row.partner_id,
  partnerName: row.partner_name,
  by: row.kind as AssignmentKind,
  assignedAt: row.assigned_at,
  acceptBy: row.accept_by,
  outcome: row.outcome as OfferOutcome | null,
  outcomeAt: row.outcome_at,
  answerHours: row.answer_seconds === null ? null : Math.round((Number(row.answer_seconds) / 3600) * 100) / 100,
  outcomeReason: row.outcome_reason,
  ...(full
    ? {
        assignedBy: row.assigned_by,
        routing:
          row.decided_by === null || row.reason === null
            ? null
            : {
                decidedBy: row.decided_by as RoutingDecisive,
                reason: row.reason,
                candidateCount: Number(row.candidate_count),
                excludedCount: Number(row.excluded_count),
                candidates: JSON.parse(row.candidates ?? '[]') as RoutingCandidate[],
              },
      }
    : {}),
});
