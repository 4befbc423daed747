import * as E from 'fp-ts/lib/Either.js';
import type { Principal } from '../../domain/access/index.js';
import { CHANNEL_STREAM, channelDecider, type ChannelSettingsChange } from '../../domain/channel/index.js';
import { ledgerDecider, pointsStream } from '../../domain/points/index.js';
import { fundDecider, fundReservationDecider, fundReservationStream, fundStream, type MdfCommand } from '../../domain/mdf/index.js';
import { partnerDecider, partnerStream, type PartnerCommand } from '../../domain/partner/index.js';
import { emailReservationDecider, emailStream, personDecider, personStream, type PersonCommand } from '../../domain/person/index.js';
import { programDecider, programStream } from '../../domain/program/index.js';
import type { Decider, DomainCommand, DomainError, DomainEvent, EmployeeRole, Money, PartnerType, VendorRole } from '../../domain/shared/index.js';
import { dealCommands, type DealCommands } from '../../commands/deal/dealCommands.js';
import type { RegisterDealBody } from '../../commands/deal/dealSchemas.js';
import type { CommandContext, CommandPipeline, CommandResult, Target, UnitOfWork } from '../../commands/pipeline/index.js';
import type { Actor } from '../../eventstore/port.js';

/** A refusal during seeding is a bug in the simulation: it stops the seed, naming the command. */
const must = async (label: string, outcome: Promise<E.Either<DomainError, CommandResult>>) => {
  const r = await outcome;
  if (E.isLeft(r)) throw new Error(`seed: ${label} was refused (${r.left.code}): ${r.left.message}`);
  return r.right;
};

export const contextOf = (commandId: string, actor: Actor): CommandContext => ({ actor, commandId, correlationId: commandId });

/**
 * The seed's commands: the same load -> decide -> append through the command pipeline and the real
 * deciders as the HTTP routes (commands/<capability>/*Routes.ts), minus the HTTP and the caller's
 * authorisation (the seed acts as the vendor's staff and the partners' people). Deal registrations go
 * through commands/deal/dealCommands.ts itself, claims and conflict detection included.
 */
export const seedCommands = (pipeline: CommandPipeline) => {
  const deals: DealCommands = dealCommands({ pipeline, ids: { next: () => { throw new Error('deal ids come with the registration'); } } });
  const exec = (ctx: CommandContext, label: string, work: (uow: UnitOfWork) => Promise<E.Either<DomainError, Target>>) =>
    must(label, pipeline.execute(ctx, work));
  const onStream = <C extends DomainCommand, Ev extends DomainEvent, S>(decider: Decider<C, Ev, S>, streamId: string, command: C) =>
    async (uow: UnitOfWork): Promise<E.Either<DomainError, Target>> => E.map(() => ({ id: streamId, streamId }))(await uow.decide(decider, streamId, command));

  const partner = (ctx: CommandContext, partnerId: string, command: PartnerCommand) =>
    exec(ctx, `${command.type} ${partnerId}`, onStream(partnerDecider, partnerStream(partnerId), command));
  const person = (ctx: CommandContext, personId: string, command: PersonCommand) =>
    exec(ctx, `${command.type} ${personId}`, onStream(personDecider, personStream(personId), command));
  const fund = (ctx: CommandContext, fundId: string, command: MdfCommand) =>
    exec(ctx, `${command.type} ${fundId}`, onStream(fundDecider, fundStream(fundId), command));

  return {
    changeSettings: (ctx: CommandContext, data: ChannelSettingsChange) =>
      exec(ctx, 'ChangeChannelSettings', onStream(channelDecider, CHANNEL_STREAM, { type: 'ChangeChannelSettings' as const, data })),
    defineProgram: (ctx: CommandContext, data: { programId: string; name: string; productLine: string; validForDays: number; points: number }) =>
      exec(ctx, `DefineProgram ${data.programId}`, async (uow) => {
        const { state: settings } = await uow.load(channelDecider, CHANNEL_STREAM);
        const streamId = programStream(data.programId);
        const decided = await uow.decide(programDecider, streamId, { type: 'DefineProgram', data: { ...data, productLines: settings.productLines } });
        return E.map(() => ({ id: data.programId, streamId }))(decided);
      }),
    registerPerson: (ctx: CommandContext, data: { personId: string; name: string; email: string }) =>
      exec(ctx, `RegisterPerson ${data.personId}`, async (uow) => {
        const reserved = await uow.decide(emailReservationDecider, emailStream(data.email), { type: 'ReserveEmail', data: { personId: data.personId, email: data.email } });
        if (E.isLeft(reserved)) return reserved;
        const decided = await uow.decide(personDecider, personStream(data.personId), { type: 'RegisterPerson', data });
        return E.map(() => ({ id: data.personId, streamId: personStream(data.personId) }))(decided);
      }),
    grantVendorRole: (ctx: CommandContext, personId: string, role: VendorRole, regions?: string[]) =>
      person(ctx, personId, { type: 'GrantVendorRole', data: { role, ...(regions ? { regions } : {}) } }),
    applyPartner: (ctx: CommandContext, data: { partnerId: string; name: string; website: string; country: string; region: string; type: PartnerType; parentPartnerId?: string }) =>
      exec(ctx, `ApplyPartner ${data.partnerId}`, async (uow) => {
        const parent = data.parentPartnerId
          ? { partnerId: data.parentPartnerId, ...(await uow.load(partnerDecider, partnerStream(data.parentPartnerId))).state }
          : undefined;
        const streamId = partnerStream(data.partnerId);
        const decided = await uow.decide(partnerDecider, streamId, { type: 'ApplyPartner', data: { ...data, parent } });
        return E.map(() => ({ id: data.partnerId, streamId }))(decided);
      }),
    partner,
    assignChannelManager: (ctx: CommandContext, partnerId: string, personId: string) =>
      exec(ctx, `AssignChannelManager ${partnerId}`, async (uow) => {
        const { state } = await uow.load(personDecider, personStream(personId));
        const streamId = partnerStream(partnerId);
        const decided = await uow.decide(partnerDecider, streamId, {
          type: 'AssignChannelManager', data: { personId, personIsChannelManager: state.vendorRoles.channel_manager !== undefined },
        });
        return E.map(() => ({ id: partnerId, streamId }))(decided);
      }),
    joinPartner: (ctx: CommandContext, personId: string, partnerId: string, role: EmployeeRole) =>
      exec(ctx, `JoinPartner ${personId} ${partnerId}`, async (uow) => {
        const { state: employer } = await uow.load(partnerDecider, partnerStream(partnerId));
        const streamId = personStream(personId);
        const { state: who } = await uow.load(personDecider, streamId);
        const current = who.employment ? (await uow.load(partnerDecider, partnerStream(who.employment.partnerId))).state.status : undefined;
        const decided = await uow.decide(personDecider, streamId, {
          type: 'JoinPartner', data: { partnerId, role, partnerStatus: employer.status, ...(current ? { currentEmployerStatus: current } : {}) },
        });
        return E.map(() => ({ id: personId, streamId }))(decided);
      }),
    person,
    earnCertification: (ctx: CommandContext, personId: string, programId: string, earnedAt: string) =>
      exec(ctx, `EarnCertification ${personId} ${programId}`, async (uow) => {
        const { state: program } = await uow.load(programDecider, programStream(programId));
        const streamId = personStream(personId);
        const decided = await uow.decide(personDecider, streamId, {
          type: 'EarnCertification', data: { programId, earnedAt, validForDays: program.validForDays ?? 0, programStatus: program.status },
        });
        return E.map(() => ({ id: personId, streamId }))(decided);
      }),
    renewCertification: (ctx: CommandContext, personId: string, programId: string) =>
      exec(ctx, `RenewCertification ${personId} ${programId}`, async (uow) => {
        const { state: program } = await uow.load(programDecider, programStream(programId));
        const streamId = personStream(personId);
        const decided = await uow.decide(personDecider, streamId, { type: 'RenewCertification', data: { programId, validForDays: program.validForDays ?? 0, programStatus: program.status } });
        return E.map(() => ({ id: personId, streamId }))(decided);
      }),
    registerDeal: (ctx: CommandContext, registrant: Principal, dealId: string, body: RegisterDealBody) =>
      must(`RegisterDeal ${dealId}`, dealCommands({ pipeline, ids: { next: () => dealId } }).register(ctx, registrant, body)),
    approveDeal: (ctx: CommandContext, p: Principal, dealId: string) => must(`ApproveDeal ${dealId}`, deals.approve(ctx, p, dealId, {})),
    rejectDeal: (ctx: CommandContext, p: Principal, dealId: string, reason: string) => must(`RejectDeal ${dealId}`, deals.reject(ctx, p, dealId, { reason })),
    withdrawDeal: (ctx: CommandContext, p: Principal, dealId: string, reason: string) => must(`WithdrawDeal ${dealId}`, deals.withdraw(ctx, p, dealId, { reason })),
    extendDeal: (ctx: CommandContext, p: Principal, dealId: string, protectedUntil: string, reason: string) =>
      must(`ExtendProtection ${dealId}`, deals.extend(ctx, p, dealId, { protectedUntil, reason })),
    winDeal: (ctx: CommandContext, p: Principal, dealId: string, amount: Money, closedAt: string) => must(`WinDeal ${dealId}`, deals.win(ctx, p, dealId, { amount, closedAt })),
    loseDeal: (ctx: CommandContext, p: Principal, dealId: string, reason: string) => must(`LoseDeal ${dealId}`, deals.lose(ctx, p, dealId, { reason })),
    expireDeal: (ctx: CommandContext, dealId: string) => must(`ExpireDeal ${dealId}`, deals.expire(ctx, dealId)),
    allocateFund: (ctx: CommandContext, data: { fundId: string; partnerId: string; period: string; amount: Money; expiresAt: string }) =>
      exec(ctx, `AllocateFund ${data.fundId}`, async (uow) => {
        const { state: p } = await uow.load(partnerDecider, partnerStream(data.partnerId));
        const decided = await uow.decide(fundDecider, fundStream(data.fundId), { type: 'AllocateFund', data: { ...data, partnerStatus: p.status } });
        if (E.isLeft(decided)) return decided;
        const reserved = await uow.decide(fundReservationDecider, fundReservationStream(data.partnerId, data.period), {
          type: 'ReserveFund', data: { fundId: data.fundId, partnerId: data.partnerId, period: data.period },
        });
        return E.map(() => ({ id: data.fundId, streamId: fundStream(data.fundId) }))(reserved);
      }),
    fund,
    approveRequest: (ctx: CommandContext, fundId: string, requestId: string, approvedAmount: Money) =>
      exec(ctx, `ApproveRequest ${requestId}`, async (uow) => {
        const { state: settings } = await uow.load(channelDecider, CHANNEL_STREAM);
        const decided = await uow.decide(fundDecider, fundStream(fundId), {
          type: 'ApproveRequest', data: { requestId, approvedAmount, claimDays: settings.mdfClaimDays },
        });
        return E.map(() => ({ id: requestId, streamId: fundStream(fundId) }))(decided);
      }),
    redeemPoints: (ctx: CommandContext, partnerId: string, personId: string, points: number, rewardId: string) =>
      exec(ctx, `RedeemPoints ${partnerId}`, onStream(ledgerDecider, pointsStream(partnerId), { type: 'RedeemPoints' as const, data: { personId, points, rewardId, from: 'person' as const } })),
    adjustPoints: (ctx: CommandContext, partnerId: string, points: number, reason: string) =>
      exec(ctx, `AdjustPoints ${partnerId}`, onStream(ledgerDecider, pointsStream(partnerId), { type: 'AdjustPoints' as const, data: { points, reason } })),
  };
};
export type SeedCommands = ReturnType<typeof seedCommands>;
