import * as E from 'fp-ts/lib/Either.js';
import { isPartnerAdminOf, isVendorAdmin, type Caller } from '../../domain/access/index.js';
import { partnerDecider, partnerStream } from '../../domain/partner/index.js';
import {
  emailReservationDecider,
  emailStream,
  personDecider,
  personStream,
  type PersonCommand,
  type PersonState,
} from '../../domain/person/index.js';
import { programDecider, programStream } from '../../domain/program/index.js';
import type { DomainError, EmployeeRole, IdGenerator, VendorRole } from '../../domain/shared/index.js';
import { forbidden, notFound } from '../auth/refusals.js';
import type { CommandContext, CommandOutcome, CommandPipeline, UnitOfWork } from '../pipeline/index.js';
import { authorizeEmployment, managesPersonOf, visiblePerson } from './personAuthorization.js';

type Allowed = (uow: UnitOfWork, p: Caller, person: PersonState) => Promise<boolean>;
const vendorAdmin: Allowed = async (_uow, p) => isVendorAdmin(p);
const managesPerson: Allowed = (uow, p, person) => managesPersonOf(uow, p, person);

/**
 * People commands, independent of HTTP: registration (the email reserved in the same append, so it
 * stays unique under concurrent registrations), vendor roles, certifications and employment.
 */
export const personCommands = (deps: { pipeline: CommandPipeline; ids: IdGenerator }) => {
  const { pipeline, ids } = deps;

  const register = (ctx: CommandContext, principal: Caller, body: { name: string; email: string }): CommandOutcome =>
    pipeline.execute(ctx, async (uow) => {
      const staff =
        isVendorAdmin(principal) ||
        (principal.kind === 'person' && principal.vendorRoles.some((g) => g.role === 'channel_manager'));
      const partnerAdmin =
        principal.kind === 'person' && principal.employer && isPartnerAdminOf(principal, principal.employer.partnerId);
      if (!staff && !partnerAdmin) return forbidden('not allowed to register people');
      const personId = ids.next('person');
      const streamId = personStream(personId);
      // Most registrations bring an email never seen: its reservation is not read unless known taken.
      const reserved = await uow.decide(
        emailReservationDecider,
        emailStream(body.email),
        { type: 'ReserveEmail', data: { personId, email: body.email } },
        { likelyNew: true },
      );
      if (E.isLeft(reserved)) return reserved;
      const decided = await uow.decide(
        personDecider,
        streamId,
        { type: 'RegisterPerson', data: { personId, ...body } },
        { minted: true },
      );
      return E.map(() => ({ id: personId, streamId }))(decided);
    });

  /** A command on one person's stream: visible (else 404), allowed (else 403, `not allowed to <action>`), decided. */
  const onPerson =
    <I extends { personId: string }>(
      action: string,
      allowed: Allowed,
      toCommand: (
        input: I,
        uow: UnitOfWork,
      ) => Promise<E.Either<DomainError, PersonCommand>> | E.Either<DomainError, PersonCommand>,
    ) =>
    (ctx: CommandContext, principal: Caller, input: I): CommandOutcome =>
      pipeline.execute(ctx, async (uow) => {
        const streamId = personStream(input.personId);
        const { state } = await uow.load(personDecider, streamId);
        if (state.status === 'none' || !(await visiblePerson(uow, principal, state, input.personId)))
          return notFound('person');
        if (!(await allowed(uow, principal, state))) return forbidden(`not allowed to ${action}`);
        const command = await toCommand(input, uow);
        if (E.isLeft(command)) return command;
        return E.map(() => ({ id: input.personId, streamId }))(
          await uow.decide(personDecider, streamId, command.right),
        );
      });

  const programFacts = async (uow: UnitOfWork, programId: string) =>
    (await uow.load(programDecider, programStream(programId))).state;

  /**
   * A command on an employee of a partner; the employment is the partner's to manage (or the person's
   * own, to leave).
   */
  const onEmployee =
    <I extends { partnerId: string; personId: string }>(
      action: 'role' | 'leave',
      toCommand: (input: I) => PersonCommand,
    ) =>
    (ctx: CommandContext, principal: Caller, input: I): CommandOutcome =>
      pipeline.execute(ctx, async (uow) => {
        const partner = await authorizeEmployment(uow, principal, input.partnerId, input.personId, action);
        if (E.isLeft(partner)) return partner;
        const streamId = personStream(input.personId);
        const { state: person } = await uow.load(personDecider, streamId);
        if (person.employment?.partnerId !== input.partnerId) return notFound('employee');
        return E.map(() => ({ id: input.personId, streamId }))(
          await uow.decide(personDecider, streamId, toCommand(input)),
        );
      });

  return {
    register,
    grantVendorRole: onPerson<{ personId: string; role: VendorRole; regions?: string[] }>(
      'grant a vendor role',
      vendorAdmin,
      ({ personId: _, ...data }) => E.right({ type: 'GrantVendorRole', data }),
    ),
    revokeVendorRole: onPerson<{ personId: string; role: VendorRole }>('revoke a vendor role', vendorAdmin, (i) =>
      E.right({ type: 'RevokeVendorRole', data: { role: i.role } }),
    ),
    earnCertification: onPerson<{ personId: string; programId: string; earnedAt?: string }>(
      'record an earned certification',
      managesPerson,
      async (i, uow) => {
        const program = await programFacts(uow, i.programId);
        return E.right({
          type: 'EarnCertification',
          data: {
            programId: i.programId,
            earnedAt: i.earnedAt ?? uow.now.toISOString(),
            validForDays: program.validForDays ?? 0,
            programStatus: program.status,
          },
        });
      },
    ),
    renewCertification: onPerson<{ personId: string; programId: string }>(
      'renew a certification',
      managesPerson,
      async (i, uow) => {
        const program = await programFacts(uow, i.programId);
        if (program.status === 'none') return notFound('program');
        return E.right({
          type: 'RenewCertification',
          data: { programId: i.programId, validForDays: program.validForDays ?? 0, programStatus: program.status },
        });
      },
    ),
    revokeCertification: onPerson<{ personId: string; programId: string; reason: string }>(
      'revoke a certification',
      vendorAdmin,
      (i) => E.right({ type: 'RevokeCertification', data: { programId: i.programId, reason: i.reason } }),
    ),

    /** A person joins the partner (leaving their current employer, if any, when the decider allows it). */
    join: (
      ctx: CommandContext,
      principal: Caller,
      input: { partnerId: string; personId: string; role: EmployeeRole },
    ): CommandOutcome =>
      pipeline.execute(ctx, async (uow) => {
        const partner = await authorizeEmployment(uow, principal, input.partnerId, input.personId, 'add');
        if (E.isLeft(partner)) return partner;
        const streamId = personStream(input.personId);
        const { state: person } = await uow.load(personDecider, streamId);
        if (person.status === 'none') return notFound('person');
        const current = person.employment
          ? (await uow.load(partnerDecider, partnerStream(person.employment.partnerId))).state.status
          : undefined;
        const decided = await uow.decide(personDecider, streamId, {
          type: 'JoinPartner',
          data: {
            partnerId: input.partnerId,
            role: input.role,
            partnerStatus: partner.right.status,
            ...(current ? { currentEmployerStatus: current } : {}),
          },
        });
        return E.map(() => ({ id: input.personId, streamId }))(decided);
      }),
    changeRole: onEmployee<{ partnerId: string; personId: string; role: EmployeeRole }>('role', (i) => ({
      type: 'ChangeEmployeeRole',
      data: { partnerId: i.partnerId, role: i.role },
    })),
    leave: onEmployee<{ partnerId: string; personId: string; reason?: string }>(
      'leave',
      ({ partnerId, personId: _, ...rest }) => ({ type: 'LeavePartner', data: { partnerId, ...rest } }),
    ),
  };
};
export type PersonCommands = ReturnType<typeof personCommands>;
