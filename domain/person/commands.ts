import type { EmployeeRole, VendorRole } from '../shared/index.js';

export type PersonCommand =
  | { type: 'RegisterPerson'; data: { personId: string; name: string; email: string } }
  | { type: 'GrantVendorRole'; data: { role: VendorRole; regions?: string[] } }
  | { type: 'RevokeVendorRole'; data: { role: VendorRole } }
  | {
      type: 'JoinPartner';
      data: {
        partnerId: string;
        role: EmployeeRole;
        /** Status of the partner joined, and of the current employer if any (loaded by the handler). */
        partnerStatus: string;
        currentEmployerStatus?: string;
      };
    }
  | { type: 'ChangeEmployeeRole'; data: { partnerId: string; role: EmployeeRole } }
  | { type: 'LeavePartner'; data: { partnerId: string; reason?: string } }
  | {
      type: 'EarnCertification';
      data: { programId: string; earnedAt: string; validForDays: number; programStatus: string };
    }
  | { type: 'RenewCertification'; data: { programId: string; validForDays: number; programStatus: string } }
  | { type: 'RevokeCertification'; data: { programId: string; reason: string } };
