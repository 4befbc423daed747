import type { Database } from '../../projections/readModels/database.js';

/** A person as the API shows them: employer, history, certifications with validity at `now`. */
export const personView = (
  row: Database['people'],
  history: readonly Database['employments'][],
  certifications: readonly (Database['certifications'] & { program_name: string | null })[],
  now: Date,
) => ({
  id: row.person_id,
  name: row.name,
  email: row.email,
  vendorRoles: JSON.parse(row.vendor_roles) as unknown[],
  employer: row.partner_id ? { partnerId: row.partner_id, role: row.partner_role, joinedAt: row.joined_at } : null,
  employmentHistory: history.map((h) => ({
    partnerId: h.partner_id,
    role: h.role,
    joinedAt: h.joined_at,
    leftAt: h.left_at,
    leaveReason: h.leave_reason,
  })),
  certifications: certifications.map((c) => ({
    programId: c.program_id,
    programName: c.program_name,
    productLine: c.product_line,
    earnedAt: c.earned_at,
    expiresAt: c.expires_at,
    renewedAt: c.renewed_at,
    revokedAt: c.revoked_at,
    valid: c.revoked_at === null && now.toISOString() < c.expires_at,
  })),
  registeredAt: row.registered_at,
  version: Number(row.version),
});
