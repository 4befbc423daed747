import { daysFromNow, flag as when, instant as at, now, sql } from '../analyticsSql.js';
import { certificationCoverage, pointsLiability, timeToFirstDeal } from '../channelKpis.js';
import { decimal, defineView, flag, instant, integer, json, text } from '../analyticsView.js';

/**
 * Current employees holding at least one valid certification now, per partner: counted once in a
 * grouped join (a correlated subquery per column ran it twice per partner).
 */
const certifiedPerPartner = sql`LEFT JOIN (SELECT pe.partner_id, COUNT(*) AS n FROM people pe
  WHERE pe.partner_id IS NOT NULL AND EXISTS (
    SELECT 1 FROM certifications c WHERE c.person_id = pe.person_id AND c.revoked_at IS NULL
      AND ${at('c.expires_at')} > ${now})
  GROUP BY pe.partner_id) cp ON cp.partner_id = p.partner_id`;
const certifiedPeople = 'COALESCE(cp.n, 0)';

/** The directory, with the per-partner KPIs and the figures that depend on the clock decided now. */
export const partnersV1 = defineView({
  name: 'analytics_partners',
  version: 1,
  rowPer: 'partner (every status, applicants included)',
  key: ['partner_id'],
  columns: {
    partner_id: text('p.partner_id', 'the partner (`ptr_…`)'),
    name: text('p.name', 'its name'),
    website: text('p.website', 'its website'),
    domain: text('p.domain', 'registrable web domain, lower-case'),
    country: text('p.country', 'ISO 3166 country code'),
    region: text('p.region', 'region slug'),
    type: text('p.type', '`reseller`, `distributor`, `msp`, `referral`'),
    parent_partner_id: text('p.parent_partner_id', 'the distributor it buys through (two-tier), or null'),
    status: text('p.status', '`applied`, `approved`, `active`, `suspended`, `terminated`, `rejected`'),
    tier: text('p.tier', '`registered`, `silver`, `gold`, `platinum`; null before approval'),
    channel_manager_id: text('p.channel_manager_id', 'the channel manager assigned (`per_…`), or null'),
    agreement_version: text('p.agreement_version', 'the partner agreement signed last, or null'),
    applied_at: instant('p.applied_at', 'when it applied'),
    approved_at: instant('p.approved_at', 'when it was approved, or null'),
    activated_at: instant('p.activated_at', 'when it first became active, or null'),
    status_changed_at: instant('p.status_changed_at', 'when its status last changed'),
    first_deal_at: instant('sp.first_deal_at', 'its first deal registration, or null'),
    first_win_closed_at: instant('sp.first_win_at', 'the earliest closing date of a deal it won, or null'),
    time_to_first_deal_days: decimal(
      timeToFirstDeal.sql('p.activated_at', 'sp.first_deal_at'),
      'KPI time to first deal: days from activation to the first registration',
    ),
    employee_count: integer('p.employee_count', 'current employees'),
    certified_people: integer(certifiedPeople, 'current employees holding a valid certification now'),
    certification_coverage_pct: decimal(
      certificationCoverage.sql(certifiedPeople, 'p.employee_count'),
      'KPI certification coverage: certified people / employees × 100',
    ),
    ready_to_sell_now: flag(
      when(sql`${at('sp.ready_until')} > ${now}`),
      'ready to sell at least one product line now (`minCertifiedForReady` certified people for it)',
    ),
    points_balance: integer(
      pointsLiability.perPartnerSql('sp.points_balance'),
      "KPI points liability of the partner: its people's points and its shared points, now",
    ),
  },
  from: sql`FROM partners p LEFT JOIN scorecard_partners sp ON sp.partner_id = p.partner_id ${certifiedPerPartner}`,
});

/** Everyone the channel knows: partner people and vendor staff. */
export const peopleV1 = defineView({
  name: 'analytics_people',
  version: 1,
  rowPer: 'person (partner people and vendor staff)',
  key: ['person_id'],
  columns: {
    person_id: text('pe.person_id', 'the person (`per_…`)'),
    name: text('pe.name', 'their name'),
    email: text('pe.email', 'their email address, lower-case'),
    partner_id: text('pe.partner_id', 'current employer, or null'),
    partner_role: text('pe.partner_role', '`admin`, `manager`, `sales`, `technical`, `marketing` at that employer'),
    joined_at: instant('pe.joined_at', 'when they joined their current employer'),
    vendor_roles: json('pe.vendor_roles', 'JSON `[{role, regions?}]` of vendor staff; `[]` for others'),
    vendor_staff: flag(when(sql`pe.vendor_roles <> '[]'`), 'holds a vendor role'),
    registered_at: instant('pe.registered_at', 'when they were registered'),
    valid_certifications: integer(
      sql`(SELECT COUNT(*) FROM certifications c WHERE c.person_id = pe.person_id AND c.revoked_at IS NULL
        AND ${at('c.expires_at')} > ${now})`,
      'certifications valid now',
    ),
  },
  from: 'FROM people pe',
});

export const employmentsV1 = defineView({
  name: 'analytics_employments',
  version: 1,
  rowPer: 'employment spell of a person at a partner',
  key: ['person_id', 'joined_at'],
  columns: {
    person_id: text('e.person_id', 'the person'),
    partner_id: text('e.partner_id', 'the partner'),
    role: text('e.role', 'their role there (the latest)'),
    joined_at: instant('e.joined_at', 'when they joined'),
    left_at: instant('e.left_at', 'when they left; null while employed'),
    leave_reason: text('e.leave_reason', 'why they left, or null'),
    employed_now: flag(when('e.left_at IS NULL'), 'still employed there'),
  },
  from: 'FROM employments e',
});

export const certificationsV1 = defineView({
  name: 'analytics_certifications',
  version: 1,
  rowPer: 'person and certification program they earned',
  key: ['person_id', 'program_id'],
  columns: {
    person_id: text('c.person_id', 'the person'),
    program_id: text('c.program_id', 'the program (`prg_…`)'),
    program_name: text('pr.name', "the program's name"),
    product_line: text('c.product_line', 'the product line it certifies for'),
    partner_id: text('pe.partner_id', "the person's current employer, or null"),
    earned_at: instant('c.earned_at', 'when first earned'),
    renewed_at: instant('c.renewed_at', 'when last renewed, or null'),
    expires_at: instant('c.expires_at', 'when it expires'),
    days_to_expiry: decimal(daysFromNow('c.expires_at'), 'days from now until it expires (negative: expired)'),
    revoked_at: instant('c.revoked_at', 'when revoked, or null'),
    revoke_reason: text('c.revoke_reason', 'why, or null'),
    valid_now: flag(when(sql`c.revoked_at IS NULL AND ${at('c.expires_at')} > ${now}`), 'not revoked and not expired'),
  },
  from: `FROM certifications c JOIN programs pr ON pr.program_id = c.program_id
  LEFT JOIN people pe ON pe.person_id = c.person_id`,
});
