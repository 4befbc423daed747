import { z } from 'zod';
import {
  Email,
  EmployeeRole,
  Instant,
  Name,
  PartnerId,
  PersonId,
  ProgramId,
  Reason,
  Slug,
  VendorRole,
} from '../../domain/shared/index.js';

export const PersonParams = z.strictObject({ id: PersonId });
export const PartnerParams = z.strictObject({ id: PartnerId });
export const RegisterPersonBody = z.strictObject({ name: Name, email: Email });
export const GrantVendorRoleBody = z.strictObject({
  role: VendorRole,
  regions: z
    .array(Slug)
    .min(1)
    .max(100)
    .refine((r) => new Set(r).size === r.length, 'regions must be unique')
    .optional(),
});
export const VendorRoleParams = z.strictObject({ id: PersonId, role: VendorRole });
export const EmployeeParams = z.strictObject({ id: PartnerId, personId: PersonId });
export const JoinBody = z.strictObject({ personId: PersonId, role: EmployeeRole });
export const RoleBody = z.strictObject({ role: EmployeeRole });
export const LeaveBody = z.strictObject({ reason: Reason.optional() });
export const EarnCertificationBody = z.strictObject({ programId: ProgramId, earnedAt: Instant.optional() });
export const CertificationParams = z.strictObject({ id: PersonId, programId: ProgramId });
export const RevokeBody = z.strictObject({ reason: Reason });
export const EmptyBody = z.strictObject({});
