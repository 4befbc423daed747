import { z } from 'zod';
import type { Principal } from '../../domain/access/index.js';
import { ApiClientId, EmployeeRole, PartnerId, PartnerType, PersonId, Tier } from '../../domain/shared/index.js';
import { named } from '../../http/contract.js';
import { VendorRoleGrantOut } from './personView.js';

/** Who the caller is, as every request re-reads it (GET /me). */
export const PrincipalOut = named(
  'Principal',
  z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('admin-key') }),
    z.object({
      kind: z.literal('api-client'),
      clientId: ApiClientId,
      name: z.string(),
      vendorRoles: z.array(VendorRoleGrantOut),
      integration: z.boolean(),
    }),
    z.object({
      kind: z.literal('person'),
      personId: PersonId,
      vendorRoles: z.array(VendorRoleGrantOut),
      employer: z
        .object({
          partnerId: PartnerId,
          role: EmployeeRole,
          status: z.string(),
          tier: Tier.optional(),
          region: z.string().optional(),
          type: PartnerType.optional(),
        })
        .optional(),
    }),
  ]),
);

export const principalView = (p: Principal): z.input<typeof PrincipalOut> => {
  if (p.kind === 'admin-key') return { kind: 'admin-key' };
  const vendorRoles = p.vendorRoles.map((g) => ({ role: g.role, ...(g.regions ? { regions: [...g.regions] } : {}) }));
  if (p.kind === 'api-client')
    return { kind: 'api-client', clientId: p.clientId, name: p.name, vendorRoles, integration: p.integration };
  return {
    kind: 'person',
    personId: p.personId,
    vendorRoles,
    ...(p.employer ? { employer: { ...p.employer } } : {}),
  };
};
