/**
 * Row types of the read-model tables, for typed queries (kysely) in the read API.
 * Each capability adds its tables here; the README documents every column for analysts.
 */
export interface PartnersTable {
  partner_id: string;
  name: string;
  website: string;
  /** The partner's web domain (PartnerApplied v2; derived from `website` for v1 events). */
  domain: string | null;
  country: string;
  region: string;
  type: string;
  parent_partner_id: string | null;
  status: string;
  tier: string | null;
  channel_manager_id: string | null;
  agreement_version: string | null;
  employee_count: number;
  applied_at: string;
  approved_at: string | null;
  activated_at: string | null;
  status_changed_at: string;
  version: number;
  updated_at: string;
}
export interface PartnerQuotasTable {
  partner_id: string;
  period: string;
  amount_minor: number;
  currency: string;
}
export interface PeopleTable {
  person_id: string;
  name: string;
  email: string;
  partner_id: string | null;
  partner_role: string | null;
  joined_at: string | null;
  vendor_roles: string;
  registered_at: string;
  version: number;
  updated_at: string;
}
export interface EmploymentsTable {
  person_id: string;
  partner_id: string;
  role: string;
  joined_at: string;
  left_at: string | null;
  leave_reason: string | null;
  joined_position: number;
}
export interface ProgramsTable {
  program_id: string;
  name: string;
  product_line: string;
  valid_for_days: number;
  points: number;
  status: string;
  defined_at: string;
  version: number;
}
export interface CertificationsTable {
  person_id: string;
  program_id: string;
  product_line: string;
  earned_at: string;
  expires_at: string;
  renewed_at: string | null;
  revoked_at: string | null;
  revoke_reason: string | null;
}
export interface ChannelSettingsTable {
  key: string;
  value: string;
  changed_at: string;
}
export interface AccessPrincipalsTable {
  person_id: string;
  vendor_roles: string;
  partner_id: string | null;
  partner_role: string | null;
  partner_status: string | null;
  partner_tier: string | null;
  partner_region: string | null;
  partner_type: string | null;
  updated_at: string;
}
export interface AccessContentsTable {
  content_id: string;
  title: string;
  kind: string;
  uri: string;
  /** JSON of the audience, lists sorted. */
  audience: string;
  status: string;
  published_at: string;
  changed_at: string;
  retired_at: string | null;
  version: number;
  changed_position: number;
}
export interface AccessCertificationsTable {
  person_id: string;
  program_id: string;
  expires_at: string;
  revoked: number;
}
export interface AccessVisibleContentTable {
  person_id: string;
  content_id: string;
  /** Visible while `valid_until IS NULL OR valid_until > now`. */
  valid_until: string | null;
}

/** MDF (migrations/0200_mdf.ts): amounts in integer minor units of the fund's currency. */
export interface MdfFundsTable {
  fund_id: string;
  partner_id: string;
  period: string;
  currency: string;
  allocated_minor: number;
  committed_minor: number;
  claimed_minor: number;
  paid_minor: number;
  available_minor: number;
  status: string;
  expires_at: string;
  allocated_at: string;
  closed_at: string | null;
  close_reason: string | null;
  version: number;
  updated_at: string;
}
export interface MdfRequestsTable {
  request_id: string;
  fund_id: string;
  partner_id: string;
  activity: string;
  description: string;
  activity_date: string;
  currency: string;
  amount_minor: number;
  approved_minor: number | null;
  status: string;
  claim_deadline: string | null;
  reject_reason: string | null;
  submitted_by: string;
  submitted_at: string;
  submitted_position: number;
  decided_at: string | null;
  settled_at: string | null;
}
export interface MdfClaimsTable {
  claim_id: string;
  fund_id: string;
  request_id: string;
  partner_id: string;
  currency: string;
  amount_minor: number;
  approved_minor: number | null;
  status: string;
  proof: string;
  submitted_by: string;
  submitted_at: string;
  submitted_position: number;
  decided_at: string | null;
  reject_reason: string | null;
  payment_reference: string | null;
  paid_at: string | null;
}
/** Incentive points (migrations/0201_points.ts). */
export interface PointsLedgerTable {
  position: number;
  event_id: string;
  partner_id: string;
  person_id: string | null;
  kind: string;
  points: number;
  reason: string | null;
  source_event_id: string | null;
  reward_id: string | null;
  redeemed_from: string | null;
  lot_at: string | null;
  recorded_at: string;
}
export interface PointsPartnersTable {
  partner_id: string;
  balance: number;
  shared_balance: number;
  earned: number;
  adjusted: number;
  redeemed: number;
  expired: number;
  version: number;
  updated_at: string;
}
export interface PointsPeopleTable {
  partner_id: string;
  person_id: string;
  balance: number;
  earned: number;
  adjusted: number;
  redeemed: number;
  expired: number;
  updated_at: string;
}

export interface DealsTable {
  deal_id: string;
  partner_id: string;
  registered_by: string;
  customer_name: string;
  customer_domain: string;
  customer_country: string;
  product_line: string;
  estimated_value_minor: number;
  currency: string;
  expected_close_date: string;
  status: string;
  conflict: number;
  registered_at: string;
  registered_position: number;
  approved_at: string | null;
  approval_seconds: number | null;
  protection_days: number | null;
  protected_until: string | null;
  extension_count: number;
  rejected_at: string | null;
  withdrawn_at: string | null;
  won_at: string | null;
  closed_at: string | null;
  won_amount_minor: number | null;
  won_currency: string | null;
  lost_at: string | null;
  expired_at: string | null;
  status_reason: string | null;
  status_changed_at: string;
  version: number;
  updated_at: string;
}
export interface DealConflictsTable {
  deal_id: string;
  conflicting_deal_id: string;
  detected_at: string;
}
/** Deal totals (migrations/0101_deal_totals.ts): `won_currency` is '' unless the status is won. */
export interface DealPartnerTotalsTable {
  partner_id: string;
  product_line: string;
  status: string;
  currency: string;
  won_currency: string;
  deals: number;
  estimated_value_minor: number;
  approved: number;
  conflicted: number;
  won_amount_minor: number;
}
export interface DealLineTotalsTable {
  product_line: string;
  status: string;
  currency: string;
  deals: number;
  estimated_value_minor: number;
  conflicted: number;
}
export type DealDayTotalsTable = DealLineTotalsTable & { registered_day: string };

/** Scorecards and channel health (migrations/0400_scorecards.ts; columns documented in the README). */
export interface ScorecardPartnersTable {
  partner_id: string;
  name: string;
  country: string;
  region: string;
  type: string;
  parent_partner_id: string | null;
  status: string;
  tier: string | null;
  channel_manager_id: string | null;
  applied_at: string;
  activated_at: string | null;
  status_changed_at: string;
  first_deal_at: string | null;
  first_win_at: string | null;
  employee_count: number;
  points_balance: number;
  /** JSON array: per current employee, the latest expiry (epoch ms) of a certification held; largest first. */
  certified_expiries: string;
  /** JSON object: product line -> the same per-employee expiries for that line. */
  line_expiries: string;
  ready_until: string | null;
  updated_at: string;
}
export interface ScorecardPartnerStatusTable {
  partner_id: string;
  position: number;
  changed_at: string;
  status: string;
  next_changed_at: string | null;
}
export interface ScorecardTrailingRevenueTable {
  partner_id: string;
  period: string;
  currency: string;
  won_minor: number;
}
export interface ScorecardChannelRevenueTable {
  period: string;
  currency: string;
  won_minor: number;
  deals_won: number;
}
export interface ScorecardPeriodsTable {
  partner_id: string;
  period: string;
  quota_minor: number | null;
  quota_currency: string | null;
  currency: string | null;
  won_minor: number;
  attainment_pct: number | null;
  deals_registered: number;
  deals_conflicted: number;
  deals_approved: number;
  deals_rejected: number;
  deals_withdrawn: number;
  deals_won: number;
  deals_lost: number;
  deals_expired: number;
  approval_median_seconds: number | null;
  mdf_currency: string | null;
  mdf_allocated_minor: number;
  mdf_approved_minor: number;
  mdf_paid_minor: number;
}
export interface ScorecardRevenueTable {
  partner_id: string;
  period: string;
  currency: string;
  won_minor: number;
  deals_won: number;
}
export interface ScorecardDealsTable {
  deal_id: string;
  partner_id: string;
  registered_at: string;
  approved_period: string | null;
  approval_seconds: number | null;
}
export interface ScorecardPeopleTable {
  person_id: string;
  partner_id: string | null;
}
export interface ScorecardCertificationsTable {
  person_id: string;
  program_id: string;
  product_line: string;
  expires_at: string;
  revoked: number;
}
export interface ScorecardProgramsTable {
  program_id: string;
  product_line: string;
}
export interface ScorecardFundsTable {
  fund_id: string;
  partner_id: string;
  period: string;
}
export interface ScorecardMdfClaimsTable {
  claim_id: string;
  fund_id: string;
  approved_minor: number;
}
export interface ScorecardSettingsTable {
  key: string;
  value: string;
}

export interface ReadModels {
  partners: PartnersTable;
  partner_quotas: PartnerQuotasTable;
  people: PeopleTable;
  employments: EmploymentsTable;
  programs: ProgramsTable;
  certifications: CertificationsTable;
  channel_settings: ChannelSettingsTable;
  access_principals: AccessPrincipalsTable;
  deals: DealsTable;
  deal_conflicts: DealConflictsTable;
  deal_partner_totals: DealPartnerTotalsTable;
  deal_line_totals: DealLineTotalsTable;
  deal_day_totals: DealDayTotalsTable;
  mdf_funds: MdfFundsTable;
  mdf_requests: MdfRequestsTable;
  mdf_claims: MdfClaimsTable;
  points_ledger: PointsLedgerTable;
  points_partners: PointsPartnersTable;
  points_people: PointsPeopleTable;
  access_contents: AccessContentsTable;
  access_certifications: AccessCertificationsTable;
  access_visible_content: AccessVisibleContentTable;
  scorecard_partners: ScorecardPartnersTable;
  scorecard_partner_status: ScorecardPartnerStatusTable;
  scorecard_periods: ScorecardPeriodsTable;
  scorecard_revenue: ScorecardRevenueTable;
  scorecard_channel_revenue: ScorecardChannelRevenueTable;
  scorecard_trailing_revenue: ScorecardTrailingRevenueTable;
  scorecard_deals: ScorecardDealsTable;
  scorecard_people: ScorecardPeopleTable;
  scorecard_certifications: ScorecardCertificationsTable;
  scorecard_programs: ScorecardProgramsTable;
  scorecard_funds: ScorecardFundsTable;
  scorecard_mdf_claims: ScorecardMdfClaimsTable;
  scorecard_settings: ScorecardSettingsTable;
}
