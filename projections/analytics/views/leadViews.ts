import { flag as when, instant as at, millisBetween, now, periodOfText, sql } from '../analyticsSql.js';
import { decimal, defineView, flag, instant, integer, text } from '../analyticsView.js';
import { hoursSql } from '../kpiArithmetic.js';

/**
 * The moment a lead's last offer ended with `outcome` (declined, lapsed), from its assignments: one seek
 * at the end of the lead's range in `lead_assignments_lead_outcome` (migration 0901), never the offers'
 * rows (their routing candidates make them wide).
 */
const lastOutcomeAt = (outcome: string) =>
  `(SELECT MAX(a.outcome_at) FROM lead_assignments a WHERE a.lead_id = l.lead_id AND a.outcome = '${outcome}')`;

/** Vendor-sourced leads (DESIGN §13), one row each, with where they went and what became of them. */
export const leadsV1 = defineView({
  name: 'analytics_leads',
  version: 1,
  rowPer: 'vendor-sourced lead',
  key: ['lead_id'],
  columns: {
    lead_id: text('l.lead_id', 'the lead (`led_…`)'),
    customer_name: text('l.customer_name', "the customer's name"),
    customer_domain: text('l.customer_domain', "the customer's registrable web domain, normalised"),
    customer_country: text('l.customer_country', "the customer's country"),
    region: text('l.region', 'the region it is to be sold in'),
    product_line: text('l.product_line', 'the product line'),
    source: text('l.source', 'where the vendor got it (campaign, web, event, …)'),
    currency: text('l.currency', 'currency of the estimated value, or null'),
    estimated_value_minor: integer('l.estimated_value_minor', 'estimated value in minor units, or null'),
    status: text('l.status', '`registered`, `assigned`, `accepted`, `declined`, `lapsed`, `converted`, `disqualified`'),
    partner_id: text('l.partner_id', 'the partner holding it (or that held it last), or null'),
    assignment_count: integer('l.assignment_count', 'times it was offered to a partner (reassignments included)'),
    assigned_by: text('l.assigned_by', 'how the current offer was made: `manual` or `routing`'),
    assigned_at: instant('l.assigned_at', 'when the current offer was made, or null'),
    accept_by: instant('l.accept_by', 'the deadline to accept the current offer, or null'),
    open_past_deadline: flag(
      when(sql`l.status = 'assigned' AND ${at('l.accept_by')} < ${now}`),
      'offered, unanswered, and past its deadline (the sweeper lapses it next)',
    ),
    accepted_at: instant('l.accepted_at', 'when the holder accepted it, or null'),
    last_declined_at: instant(lastOutcomeAt('declined'), 'when an offer of it was last declined, or null'),
    last_lapsed_at: instant(lastOutcomeAt('lapsed'), 'when an offer of it last lapsed unanswered, or null'),
    converted_at: instant('l.converted_at', 'when it became a deal registration, or null'),
    deal_id: text('l.deal_id', 'the registration it became (joins `analytics_deals`), or null'),
    deal_status: text('l.deal_status', "that registration's status, or null"),
    won_amount_minor: integer('l.won_amount_minor', 'won amount of that deal in minor units, or null'),
    won_currency: text('l.won_currency', 'its currency, or null'),
    disqualified_at: instant('l.disqualified_at', 'when it was disqualified, or null'),
    status_reason: text('l.status_reason', 'reason given for a decline or disqualification'),
    registered_at: instant('l.registered_at', 'when the vendor registered it'),
    registered_period: text(periodOfText('l.registered_at'), 'its quarter'),
    hours_to_conversion: decimal(
      hoursSql(sql`${millisBetween('l.registered_at', 'l.converted_at')} / 1000`),
      'hours from registration to conversion, or null',
    ),
  },
  from: 'FROM leads l',
});

/** Every offer of a lead to a partner, with the routing decision and its answer. */
export const leadAssignmentsV1 = defineView({
  name: 'analytics_lead_assignments',
  version: 1,
  rowPer: 'offer of a lead to a partner',
  key: ['lead_id', 'seq'],
  columns: {
    lead_id: text('a.lead_id', 'the lead'),
    seq: integer('a.seq', 'the offer, 1 for the first'),
    partner_id: text('a.partner_id', 'the partner it was offered to'),
    region: text('a.region', "the lead's region"),
    kind: text('a.kind', '`manual` or `routing`'),
    assigned_by: text('a.assigned_by', 'who made the offer (a person, the admin key, or routing)'),
    assigned_at: instant('a.assigned_at', 'when'),
    accept_by: instant('a.accept_by', 'the deadline to accept'),
    candidate_count: integer('a.candidate_count', 'routing: eligible partners considered, or null'),
    decided_by: text('a.decided_by', 'routing: the comparison that decided (`load`, `conversion`, …), or null'),
    reason: text('a.reason', 'routing: why the winner won, in words, or null'),
    outcome: text('a.outcome', '`accepted`, `declined`, `lapsed`, `reassigned`, `disqualified`, or null while open'),
    outcome_at: instant('a.outcome_at', 'when the offer ended, or null'),
    hours_to_answer: decimal(hoursSql('a.answer_seconds'), 'hours from the offer to its answer, or null'),
    outcome_reason: text('a.outcome_reason', 'reason given with a decline, or null'),
  },
  from: 'FROM lead_assignments a',
});
