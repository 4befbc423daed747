import { z } from 'zod';
import {
  defineEvent,
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
  type EventOf,
} from '../shared/index.js';

/** v2: `email` is canonical (lower-case); v1 held it as typed and is upcast (app/upcasters.ts). */
export const PersonRegistered = defineEvent(
  'PersonRegistered',
  z.object({ personId: PersonId, name: Name, email: Email.refine((e) => e === e.toLowerCase(), 'must be lower-case') }),
  2,
);
export const VendorRoleGranted = defineEvent(
  'VendorRoleGranted',
  z.object({ role: VendorRole, regions: z.array(Slug).max(100).optional() }),
);
export const VendorRoleRevoked = defineEvent('VendorRoleRevoked', z.object({ role: VendorRole }));
export const EmployeeJoined = defineEvent('EmployeeJoined', z.object({ partnerId: PartnerId, role: EmployeeRole }));
export const EmployeeRoleChanged = defineEvent(
  'EmployeeRoleChanged',
  z.object({ partnerId: PartnerId, from: EmployeeRole, to: EmployeeRole }),
);
export const EmployeeLeft = defineEvent('EmployeeLeft', z.object({ partnerId: PartnerId, reason: Reason.optional() }));
export const CertificationEarned = defineEvent(
  'CertificationEarned',
  z.object({ programId: ProgramId, earnedAt: Instant, expiresAt: Instant }),
);
export const CertificationRenewed = defineEvent(
  'CertificationRenewed',
  z.object({ programId: ProgramId, renewedAt: Instant, expiresAt: Instant }),
);
export const CertificationRevoked = defineEvent(
  'CertificationRevoked',
  z.object({ programId: ProgramId, reason: Reason }),
);

export const personEvents = [
  PersonRegistered,
  VendorRoleGranted,
  VendorRoleRevoked,
  EmployeeJoined,
  EmployeeRoleChanged,
  EmployeeLeft,
  CertificationEarned,
  CertificationRenewed,
  CertificationRevoked,
] as const;
export type PersonEvent = EventOf<typeof personEvents>;

/** Reservation of an email address, on stream `email-<lower-case address>`: makes emails unique. */
export const EmailReserved = defineEvent('EmailReserved', z.object({ personId: PersonId, email: Email }));
export const emailReservationEvents = [EmailReserved] as const;
