import { daysFromNow, instant as at, now, sql } from '../analyticsSql.js';
import { mdfUtilisation } from '../channelKpis.js';
import { date, decimal, defineView, instant, integer, json, text } from '../analyticsView.js';

/** Market development funds with their balances in the fund's currency; requests and claims beside them. */
export const mdfV1 = defineView({
  name: 'analytics_mdf',
  version: 1,
  rowPer: 'fund (one per partner and period)',
  key: ['fund_id'],
  columns: {
    fund_id: text('f.fund_id', 'the fund (`mdf_…`)'),
    partner_id: text('f.partner_id', 'the partner it is for'),
    period: text('f.period', 'the quarter it belongs to'),
    currency: text('f.currency', 'its currency'),
    allocated_minor: integer('f.allocated_minor', 'allocated'),
    approved_minor: integer(
      `(SELECT COALESCE(SUM(r.approved_minor), 0) FROM mdf_requests r
        WHERE r.fund_id = f.fund_id AND r.status = 'approved')`,
      'approved in requests',
    ),
    committed_minor: integer('f.committed_minor', 'promised to approved requests and not yet settled'),
    claimed_minor: integer('f.claimed_minor', 'claimed and not yet decided'),
    paid_minor: integer('f.paid_minor', 'paid in claims'),
    available_minor: integer('f.available_minor', 'allocated − committed − paid'),
    utilisation_pct: decimal(
      mdfUtilisation.sql('f.paid_minor', 'f.allocated_minor'),
      'KPI MDF utilisation: paid / allocated × 100',
    ),
    status: text(
      sql`CASE WHEN f.status = 'open' AND ${at('f.expires_at')} <= ${now} THEN 'expired' ELSE f.status END`,
      '`open`, `expired` (now past `expires_at`), `closed`',
    ),
    expires_at: instant('f.expires_at', 'when it expires'),
    days_to_expiry: decimal(daysFromNow('f.expires_at'), 'days from now until it expires (negative: expired)'),
    allocated_at: instant('f.allocated_at', 'when it was allocated'),
    closed_at: instant('f.closed_at', 'when closed, or null'),
    close_reason: text('f.close_reason', 'why, or null'),
  },
  from: 'FROM mdf_funds f',
});

export const mdfRequestsV1 = defineView({
  name: 'analytics_mdf_requests',
  version: 1,
  rowPer: 'request for part of a fund',
  key: ['request_id'],
  columns: {
    request_id: text('r.request_id', 'the request (`req_…`)'),
    fund_id: text('r.fund_id', 'the fund'),
    partner_id: text('r.partner_id', 'the partner'),
    period: text('f.period', "the fund's quarter"),
    activity: text('r.activity', '`event`, `digital_campaign`, `content_syndication`, `training`, `other`'),
    description: text('r.description', 'what the activity is'),
    activity_date: date('r.activity_date', 'the day of the activity (or its last day)'),
    currency: text('r.currency', "the fund's currency"),
    amount_minor: integer('r.amount_minor', 'requested'),
    approved_minor: integer('r.approved_minor', 'approved, or null'),
    status: text('r.status', '`submitted`, `approved`, `rejected`'),
    claim_deadline: instant('r.claim_deadline', 'claims are accepted until then (fixed at approval)'),
    reject_reason: text('r.reject_reason', 'why it was rejected, or null'),
    submitted_by: text('r.submitted_by', 'the person who asked (`admin` for the admin key)'),
    submitted_at: instant('r.submitted_at', 'when submitted'),
    decided_at: instant('r.decided_at', 'when approved or rejected, or null'),
    settled_at: instant('r.settled_at', 'when its claim was paid, or null'),
  },
  from: 'FROM mdf_requests r JOIN mdf_funds f ON f.fund_id = r.fund_id',
});

export const mdfClaimsV1 = defineView({
  name: 'analytics_mdf_claims',
  version: 1,
  rowPer: 'claim against an approved request',
  key: ['claim_id'],
  columns: {
    claim_id: text('c.claim_id', 'the claim (`clm_…`)'),
    fund_id: text('c.fund_id', 'the fund'),
    request_id: text('c.request_id', 'the request it claims'),
    partner_id: text('c.partner_id', 'the partner'),
    currency: text('c.currency', "the fund's currency"),
    amount_minor: integer('c.amount_minor', 'claimed'),
    approved_minor: integer('c.approved_minor', 'approved, or null'),
    status: text('c.status', '`submitted`, `approved`, `rejected`, `paid`'),
    proof: json('c.proof', 'proof of performance, JSON `[{name, uri, sha256?}]`'),
    submitted_by: text('c.submitted_by', 'the person who claimed'),
    submitted_at: instant('c.submitted_at', 'when submitted'),
    decided_at: instant('c.decided_at', 'when approved or rejected, or null'),
    reject_reason: text('c.reject_reason', 'why it was rejected, or null'),
    payment_reference: text('c.payment_reference', 'the payment, or null'),
    paid_at: instant('c.paid_at', 'when paid, or null'),
  },
  from: 'FROM mdf_claims c',
});
