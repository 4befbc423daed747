import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import * as E from 'fp-ts/lib/Either.js';
import { pipe } from 'fp-ts/lib/function.js';
import {
  employerIs, isPartnerAdminOf, isVendorAdmin, managesPartner, personIdOf, readsEverything, seesPartner, type Principal,
} from '../../domain/access/index.js';
import { partnerDecider, partnerStream } from '../../domain/partner/index.js';
import { emailReservationDecider, emailStream, personDecider, personStream, type PersonCommand, type PersonState } from '../../domain/person/index.js';
import { programDecider, programStream } from '../../domain/program/index.js';
import { domainError, type DomainError, type EmployeeRole, type VendorRole } from '../../domain/shared/index.js';
import { commandRoute, type CommandKit } from '../../http/commandRoute.js';
import type { CommandPipeline, UnitOfWork } from '../pipeline/index.js';
import * as S from './personSchemas.js';

const notFound = (what: string) => E.left(domainError('not_found', `${what} not found`));
const forbidden = (action: string) => E.left(domainError('forbidden', `not allowed to ${action}`));

/** Channel staff managing the person's current employer, or a vendor admin. */
const managesPersonOf = async (uow: UnitOfWork, p: Principal, person: PersonState) => {
  if (isVendorAdmin(p)) return true;
  if (!person.employment) return false;
  const { state } = await uow.load(partnerDecider, partnerStream(person.employment.partnerId));
  return managesPartner(p, { partnerId: person.employment.partnerId, region: state.region, channelManagerId: state.channelManagerId });
};

export const personCommandRoutes = (app: FastifyInstance, kit: CommandKit, pipeline: CommandPipeline) => {
  commandRoute(
    app, kit,
    { method: 'POST', url: '/people', summary: 'Register a person (email unique, case-insensitively)', tags: ['people'], body: S.RegisterPersonBody, created: true },
    ({ body, principal, ctx }) =>
      pipeline.execute(ctx, async (uow) => {
        const staff = isVendorAdmin(principal) || (principal.kind === 'person' && principal.vendorRoles.some((g) => g.role === 'channel_manager'));
        const partnerAdmin = principal.kind === 'person' && principal.employer && isPartnerAdminOf(principal, principal.employer.partnerId);
        if (!staff && !partnerAdmin) return forbidden('register people');
        const personId = kit.ids.next('person');
        const streamId = personStream(personId);
        // The reservation stream makes the email unique even under concurrent registrations.
        const reserved = await uow.decide(emailReservationDecider, emailStream(body.email), { type: 'ReserveEmail', data: { personId, email: body.email } });
        if (E.isLeft(reserved)) return reserved;
        const decided = await uow.decide(personDecider, streamId, { type: 'RegisterPerson', data: { personId, ...body } });
        return pipe(decided, E.map(() => ({ id: personId, streamId })));
      }),
  );

  /** A command on one person's stream, authorised by `allowed` once the person is loaded. */
  const personCommand = <P extends { id: string }>(
    url: string, summary: string, params: z.ZodType<P>, body: z.ZodType,
    allowed: (uow: UnitOfWork, p: Principal, person: PersonState, params: P) => Promise<boolean>,
    toCommand: (uow: UnitOfWork, params: P, body: never, person: PersonState) => Promise<E.Either<DomainError, PersonCommand>>,
  ) =>
    commandRoute(app, kit, { method: 'POST', url, summary, tags: ['people'], params, body }, ({ params: p, body: b, principal, ctx }) =>
      pipeline.execute(ctx, async (uow) => {
        const streamId = personStream(p.id);
        const { state } = await uow.load(personDecider, streamId);
        if (state.status === 'none' || !(await visiblePerson(uow, principal, state, p.id))) return notFound('person');
        if (!(await allowed(uow, principal, state, p))) return forbidden(summary.toLowerCase());
        const command = await toCommand(uow, p, b as never, state);
        if (E.isLeft(command)) return command;
        return pipe(await uow.decide(personDecider, streamId, command.right), E.map(() => ({ id: p.id, streamId })));
      }),
    );

  personCommand('/people/:id/vendor-roles', 'Grant a vendor role', S.PersonParams, S.GrantVendorRoleBody, async (_u, p) => isVendorAdmin(p),
    async (_u, _p, b: { role: VendorRole; regions?: string[] }) => E.right({ type: 'GrantVendorRole', data: b }));
  personCommand('/people/:id/vendor-roles/:role/revoke', 'Revoke a vendor role', S.VendorRoleParams, S.EmptyBody, async (_u, p) => isVendorAdmin(p),
    async (_u, params: { id: string; role: VendorRole }) => E.right({ type: 'RevokeVendorRole', data: { role: params.role } }));

  const programFacts = async (uow: UnitOfWork, programId: string) => (await uow.load(programDecider, programStream(programId))).state;
  personCommand('/people/:id/certifications', 'Record an earned certification', S.PersonParams, S.EarnCertificationBody,
    (uow, p, person) => managesPersonOf(uow, p, person),
    async (uow, _params, b: { programId: string; earnedAt?: string }) => {
      const program = await programFacts(uow, b.programId);
      return E.right({
        type: 'EarnCertification',
        data: { programId: b.programId, earnedAt: b.earnedAt ?? uow.now.toISOString(), validForDays: program.validForDays ?? 0, programStatus: program.status },
      });
    });
  personCommand('/people/:id/certifications/:programId/renew', 'Renew a certification', S.CertificationParams, S.EmptyBody,
    (uow, p, person) => managesPersonOf(uow, p, person),
    async (uow, params: { id: string; programId: string }) => {
      const program = await programFacts(uow, params.programId);
      if (program.status === 'none') return notFound('program');
      return E.right({ type: 'RenewCertification', data: { programId: params.programId, validForDays: program.validForDays ?? 0, programStatus: program.status } });
    });
  personCommand('/people/:id/certifications/:programId/revoke', 'Revoke a certification', S.CertificationParams, S.RevokeBody,
    async (_u, p) => isVendorAdmin(p),
    async (_u, params: { id: string; programId: string }, b: { reason: string }) => E.right({ type: 'RevokeCertification', data: { programId: params.programId, reason: b.reason } }));

  employmentRoutes(app, kit, pipeline);
};

/** Whether the caller may know this person exists: themselves, vendor readers, staff over their employer, colleagues. */
export const visiblePerson = async (uow: UnitOfWork, p: Principal, person: PersonState, personId: string) => {
  if (personIdOf(p) === personId || readsEverything(p)) return true;
  if (await managesPersonOf(uow, p, person)) return true;
  const employer = person.employment?.partnerId;
  return employer !== undefined && employerIs(p, employer) !== undefined;
};

const employmentRoutes = (app: FastifyInstance, kit: CommandKit, pipeline: CommandPipeline) => {
  /** Partner admins manage their own people; channel staff manage their partners' people. */
  const authorize = async (uow: UnitOfWork, p: Principal, partnerId: string, personId: string | undefined, action: string) => {
    const { state } = await uow.load(partnerDecider, partnerStream(partnerId));
    const scope = { partnerId, region: state.region, channelManagerId: state.channelManagerId };
    // Leaving is always one's own to do, even from a suspended partner one can no longer see.
    const self = personId !== undefined && personIdOf(p) === personId && action === 'leave';
    if (state.status === 'none' || (!seesPartner(p, scope) && !self)) return notFound('partner');
    if (!managesPartner(p, scope) && !isPartnerAdminOf(p, partnerId) && !self) return forbidden(`${action} employees of this partner`);
    return E.right(state);
  };

  commandRoute(
    app, kit,
    { method: 'POST', url: '/partners/:id/employees', summary: 'A person joins the partner', tags: ['people'], params: S.PartnerParams, body: S.JoinBody },
    ({ params, body, principal, ctx }) =>
      pipeline.execute(ctx, async (uow) => {
        const partner = await authorize(uow, principal, params.id, body.personId, 'add');
        if (E.isLeft(partner)) return partner;
        const streamId = personStream(body.personId);
        const { state: person } = await uow.load(personDecider, streamId);
        if (person.status === 'none') return notFound('person');
        const current = person.employment ? (await uow.load(partnerDecider, partnerStream(person.employment.partnerId))).state.status : undefined;
        const decided = await uow.decide(personDecider, streamId, {
          type: 'JoinPartner',
          data: { partnerId: params.id, role: body.role, partnerStatus: partner.right.status, ...(current ? { currentEmployerStatus: current } : {}) },
        });
        return pipe(decided, E.map(() => ({ id: body.personId, streamId })));
      }),
  );

  const employeeCommand = (action: 'role' | 'leave', summary: string, body: z.ZodType, toCommand: (partnerId: string, b: never) => PersonCommand) =>
    commandRoute(app, kit, { method: 'POST', url: `/partners/:id/employees/:personId/${action}`, summary, tags: ['people'], params: S.EmployeeParams, body }, ({ params, body: b, principal, ctx }) =>
      pipeline.execute(ctx, async (uow) => {
        const partner = await authorize(uow, principal, params.id, params.personId, action);
        if (E.isLeft(partner)) return partner;
        const streamId = personStream(params.personId);
        const { state: person } = await uow.load(personDecider, streamId);
        if (person.employment?.partnerId !== params.id) return notFound('employee');
        return pipe(await uow.decide(personDecider, streamId, toCommand(params.id, b as never)), E.map(() => ({ id: params.personId, streamId })));
      }),
    );
  employeeCommand('role', 'Change an employee\'s role', S.RoleBody, (partnerId, b: { role: EmployeeRole }) => ({ type: 'ChangeEmployeeRole', data: { partnerId, role: b.role } }));
  employeeCommand('leave', 'An employee leaves the partner', S.LeaveBody, (partnerId, b: { reason?: string }) => ({ type: 'LeavePartner', data: { partnerId, ...b } }));
};
