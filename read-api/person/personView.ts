import { z } from 'zod';
import type { VendorRoleGrant } from '../../domain/access/index.js';
import { PartnerId, PersonId, ProgramId, Slug, VendorRole } from '../../domain/shared/index.js';
import { EmailOut, ExternalRefsOut, InstantOut, named, pageOf } from '../../http/contract.js';
import type { Database } from '../../projections/readModels/database.js';

export const VendorRoleGrantOut = named(
  'VendorRoleGrant',
  z.object({
    role: VendorRole,
    regions: z.array(Slug).optional().describe('regions a channel manager covers; absent means every region'),
  }),
);
export const CertificationOut = z.object({
  programId: ProgramId,
  programName: z.string().nullable(),
  productLine: Slug,
  earnedAt: InstantOut,
  expiresAt: InstantOut,
  renewedAt: InstantOut.nullable(),
  revokedAt: InstantOut.nullable(),
  valid: z.boolean(),
});
const personFields = {
  id: PersonId,
  name: z.string(),
  email: EmailOut,
  vendorRoles: z.array(VendorRoleGrantOut),
  employer: z.object({ partnerId: PartnerId, role: z.string().nullable(), joinedAt: InstantOut.nullable() }).nullable(),
  externalRefs: ExternalRefsOut,
  version: z.number().int(),
};
/** A person as `GET /people` lists them. */
export const PersonSummaryOut = named('PersonSummary', z.object(personFields));
export const PersonPage = pageOf('PersonPage', PersonSummaryOut);
/** A person with their employment history and certifications. */
export const PersonOut = named(
  'Person',
  z.object({
    ...personFields,
    employmentHistory: z.array(
      z.object({
        partnerId: PartnerId,
        role: z.string(),
        joinedAt: InstantOut,
        leftAt: InstantOut.nullable(),
        leaveReason: z.string().nullable(),
      }),
    ),
    certifications: z.array(CertificationOut),
    registeredAt: InstantOut,
  }),
);

/** The person as a list shows them: who, which roles, which employer, known by which external ids. */
export const personSummaryView = (
  row: Database['people'],
  externalRefs: Record<string, string>,
): z.input<typeof PersonSummaryOut> => ({
  id: row.person_id,
  name: row.name,
  email: row.email,
  vendorRoles: (JSON.parse(row.vendor_roles) as VendorRoleGrant[]).map((g) => ({
    role: g.role,
    ...(g.regions ? { regions: [...g.regions] } : {}),
  })),
  employer: row.partner_id ? { partnerId: row.partner_id, role: row.partner_role, joinedAt: row.joined_at } : null,
  externalRefs,
  version: Number(row.version),
});

/** A person as the API shows them: employer, history, certifications with validity at `now`. */
export const personView = (
  row: Database['people'],
  history: readonly Database['employments'][],
  certifications: readonly (Database['certifications'] & { program_name: string | null })[],
  now: Date,
  externalRefs: Record<string, string>,
): z.input<typeof PersonOut> => ({
  ...personSummaryView(row, externalRefs),
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
});
