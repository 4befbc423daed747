import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import type { Caller } from '../../domain/access/index.js';
import { commandRoute, type CommandKit } from '../../http/commandRoute.js';
import type { CommandContext, CommandOutcome } from '../pipeline/index.js';
import type { PersonCommands } from './personCommands.js';
import * as S from './personSchemas.js';

/**
 * The people commands over HTTP: registration, vendor roles, certifications, and employment under
 * /partners/:id/employees.
 */
export const personCommandRoutes = (app: FastifyInstance, kit: CommandKit, people: PersonCommands) => {
  commandRoute(
    app,
    kit,
    {
      method: 'POST',
      url: '/people',
      summary: 'Register a person (email unique, case-insensitively)',
      tags: ['people'],
      body: S.RegisterPersonBody,
      created: true,
    },
    ({ body, principal, ctx }) => people.register(ctx, principal, body),
  );

  /**
   * A route whose params and body together are the command's input (`id` is the person, or the
   * partner under /partners).
   */
  const route = <P extends z.ZodType, B extends z.ZodType, I>(
    url: string,
    summary: string,
    params: P,
    body: B,
    toInput: (params: z.infer<P>, body: z.infer<B>) => I,
    run: (ctx: CommandContext, principal: Caller, input: I) => CommandOutcome,
  ) =>
    commandRoute(
      app,
      kit,
      { method: 'POST', url, summary, tags: ['people'], params, body },
      ({ params: p, body: b, principal, ctx }) => run(ctx, principal, toInput(p, b)),
    );

  route(
    '/people/:id/vendor-roles',
    'Grant a vendor role',
    S.PersonParams,
    S.GrantVendorRoleBody,
    (p, b) => ({ ...b, personId: p.id }),
    people.grantVendorRole,
  );
  route(
    '/people/:id/vendor-roles/:role/revoke',
    'Revoke a vendor role',
    S.VendorRoleParams,
    S.EmptyBody,
    (p) => ({ personId: p.id, role: p.role }),
    people.revokeVendorRole,
  );
  route(
    '/people/:id/certifications',
    'Record an earned certification',
    S.PersonParams,
    S.EarnCertificationBody,
    (p, b) => ({ ...b, personId: p.id }),
    people.earnCertification,
  );
  route(
    '/people/:id/certifications/:programId/renew',
    'Renew a certification',
    S.CertificationParams,
    S.EmptyBody,
    (p) => ({ personId: p.id, programId: p.programId }),
    people.renewCertification,
  );
  route(
    '/people/:id/certifications/:programId/revoke',
    'Revoke a certification',
    S.CertificationParams,
    S.RevokeBody,
    (p, b) => ({ ...b, personId: p.id, programId: p.programId }),
    people.revokeCertification,
  );

  route(
    '/partners/:id/employees',
    'A person joins the partner',
    S.PartnerParams,
    S.JoinBody,
    (p, b) => ({ ...b, partnerId: p.id }),
    people.join,
  );
  route(
    '/partners/:id/employees/:personId/role',
    "Change an employee's role",
    S.EmployeeParams,
    S.RoleBody,
    (p, b) => ({ ...b, partnerId: p.id, personId: p.personId }),
    people.changeRole,
  );
  route(
    '/partners/:id/employees/:personId/leave',
    'An employee leaves the partner',
    S.EmployeeParams,
    S.LeaveBody,
    (p, b) => ({ ...b, partnerId: p.id, personId: p.personId }),
    people.leave,
  );
};
