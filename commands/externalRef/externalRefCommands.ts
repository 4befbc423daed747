import * as E from 'fp-ts/lib/Either.js';
import { isPartnerAdminOf, managesPartner, type Caller } from '../../domain/access/index.js';
import { dealDecider, dealStream, decidesDeal, ownsDeal, seesDeal } from '../../domain/deal/index.js';
import { externalRefsStream, type OwnerKind } from '../../domain/externalRef/index.js';
import { partnerDecider, partnerStream } from '../../domain/partner/index.js';
import { personDecider, personStream } from '../../domain/person/index.js';
import type { DomainError } from '../../domain/shared/index.js';
import { authorizePartner } from '../auth/authorizePartner.js';
import { forbidden, notFound } from '../auth/refusals.js';
import { managesPersonOf, visiblePerson } from '../person/personAuthorization.js';
import type { CommandContext, CommandOutcome, CommandPipeline, UnitOfWork } from '../pipeline/index.js';
import { linkExternalRef, unlinkExternalRef } from './externalRefLinks.js';

type Authorize = (uow: UnitOfWork, p: Caller, ownerId: string) => Promise<E.Either<DomainError, unknown>>;

const ACTION = 'manage external references of';

/** Channel staff over the partner (the vendor's CRM knows partners as accounts). */
const partnerOwner: Authorize = async (uow, p, partnerId) => {
  const { state } = await uow.load(partnerDecider, partnerStream(partnerId));
  return authorizePartner(p, partnerId, state, managesPartner, ACTION);
};

/** Staff over the person's employer, or the employer's partner admin (a partner's CRM knows its contacts). */
const personOwner: Authorize = async (uow, p, personId) => {
  const { state } = await uow.load(personDecider, personStream(personId));
  if (state.status === 'none' || !(await visiblePerson(uow, p, state, personId))) return notFound('person');
  const employer = state.employment?.partnerId;
  if (!(await managesPersonOf(uow, p, state)) && !(employer && isPartnerAdminOf(p, employer)))
    return forbidden(`not allowed to ${ACTION} this person`);
  return E.right(undefined);
};

/** Whoever may act on the deal: channel staff over its partner, its registrant, the partner's admin or manager. */
const dealOwner: Authorize = async (uow, p, dealId) => {
  const { state: deal } = await uow.load(dealDecider, dealStream(dealId));
  if (deal.status === 'none' || !deal.partnerId || !deal.registeredBy) return notFound('deal');
  const { state: partner } = await uow.load(partnerDecider, partnerStream(deal.partnerId));
  const scope = { partnerId: deal.partnerId, region: partner.region, channelManagerId: partner.channelManagerId };
  const dealScope = { partnerId: deal.partnerId, registeredBy: deal.registeredBy };
  if (!seesDeal(p, dealScope, scope)) return notFound('deal');
  if (!decidesDeal(p, scope) && !ownsDeal(p, dealScope)) return forbidden(`not allowed to ${ACTION} this deal`);
  return E.right(undefined);
};

const authorizers: Record<OwnerKind, Authorize> = { partner: partnerOwner, person: personOwner, deal: dealOwner };

/** Input of a link or unlink: the owner from the path, the system, and (to link) the id in that system. */
export interface RefInput {
  readonly ownerId: string;
  readonly system: string;
}

/**
 * External references of partners, people and deals, independent of HTTP: link (`PUT
 * …/external-refs/:system {id}`, replacing another id of that system) and unlink. The id is unique
 * per (kind, system) through its reservation stream.
 */
export const externalRefCommands = (deps: { pipeline: CommandPipeline }) => {
  const { pipeline } = deps;
  const run = (
    kind: OwnerKind,
    ctx: CommandContext,
    p: Caller,
    ownerId: string,
    change: (uow: UnitOfWork) => Promise<E.Either<DomainError, void>>,
  ): CommandOutcome =>
    pipeline.execute(ctx, async (uow) => {
      const allowed = await authorizers[kind](uow, p, ownerId);
      if (E.isLeft(allowed)) return allowed;
      const changed = await change(uow);
      return E.map(() => ({ id: ownerId, streamId: externalRefsStream(kind, ownerId) }))(changed);
    });
  const link = (kind: OwnerKind) => (ctx: CommandContext, p: Caller, input: RefInput & { externalId: string }) =>
    run(kind, ctx, p, input.ownerId, (uow) => linkExternalRef(uow, { ownerKind: kind, ...input }));
  const unlink = (kind: OwnerKind) => (ctx: CommandContext, p: Caller, input: RefInput) =>
    run(kind, ctx, p, input.ownerId, (uow) =>
      unlinkExternalRef(uow, { ownerKind: kind, ownerId: input.ownerId, system: input.system }),
    );
  return {
    linkPartner: link('partner'),
    unlinkPartner: unlink('partner'),
    linkPerson: link('person'),
    unlinkPerson: unlink('person'),
    linkDeal: link('deal'),
    unlinkDeal: unlink('deal'),
  };
};
export type ExternalRefCommands = ReturnType<typeof externalRefCommands>;
