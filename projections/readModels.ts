/**
 * Row types of the read-model tables, for typed queries (kysely) in the read API.
 * Each capability adds its tables here; the README documents every column for analysts.
 */
export interface PartnersTable {
  partner_id: string;
  name: string;
  website: string;
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

export interface ReadModels {
  partners: PartnersTable;
  partner_quotas: PartnerQuotasTable;
  people: PeopleTable;
  employments: EmploymentsTable;
  programs: ProgramsTable;
  certifications: CertificationsTable;
  channel_settings: ChannelSettingsTable;
  access_principals: AccessPrincipalsTable;
}
