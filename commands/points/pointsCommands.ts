import * as E from 'fp-ts/lib/Either.js';
import type { z } from 'zod';
import {
  isPartnerAdminOf,
  isVendorAdmin,
  managesPartner,
  personIdOf,
  type Caller,
  type PartnerScope,
} from '../../domain/access/index.js';
import { partnerDecider, partnerStream } from '../../domain/partner/index.js';
import { personDecider, personStream } from '../../domain/person/index.js';
import { ledgerDecider, pointsStream, type PointsCommand } from '../../domain/points/index.js';
import { authorizePartner } from '../auth/authorizePartner.js';
import { forbidden, notFound } from '../auth/refusals.js';
import type { CommandContext, CommandOutcome, CommandPipeline, CommandResult } from '../pipeline/index.js';
import type * as S from './pointsSchemas.js';

/** Channel staff over the partner (a vendor admin or its channel manager) adjust points. */
const adjusts = (p: Caller, s: PartnerScope) => managesPartner(p, s);
/** The partner's admin redeems for anyone of the partner; a person redeems their own points; vendor admins anything. */
const redeems = (personId: string, from: string) => (p: Caller, s: PartnerScope) =>
  isVendorAdmin(p) || isPartnerAdminOf(p, s.partnerId) || (from === 'person' && personIdOf(p) === personId);

/** What an expiry answers besides where it landed: the points that expired (0: nothing was due). */
export interface PointsExpiryResult extends CommandResult {
  readonly expiredPoints: number;
}

type OnLedger<B extends z.ZodType> = { readonly partnerId: string } & z.infer<B>;
type Earning = Extract<PointsCommand, { type: 'EarnPoints' }>['data'];

/**
 * A partner's points ledger, independent of HTTP. Adjustments and redemptions are people's
 * commands; earning (the points policies) and expiry (the sweeper) are the channel's own rules,
 * which only the system principal runs.
 */
export const pointsCommands = (deps: { pipeline: CommandPipeline }) => {
  const { pipeline } = deps;
  const onlySystem = (principal: Caller, action: string) =>
    principal.kind === 'system' ? undefined : forbidden(`points are ${action} by the channel's rules, not by hand`);

  return {
    adjust: (ctx: CommandContext, principal: Caller, input: OnLedger<typeof S.AdjustmentBody>): CommandOutcome =>
      pipeline.execute(ctx, async (uow) => {
        const { partnerId, ...body } = input;
        const { state: partner } = await uow.load(partnerDecider, partnerStream(partnerId));
        const allowed = authorizePartner(principal, partnerId, partner, adjusts, 'adjust the points of');
        if (E.isLeft(allowed)) return allowed;
        let personKnown = false;
        if (body.personId) {
          const { state: person } = await uow.load(personDecider, personStream(body.personId));
          if (person.status === 'none') return notFound('person');
          personKnown = person.employment?.partnerId === partnerId;
        }
        const streamId = pointsStream(partnerId);
        const decided = await uow.decide(ledgerDecider, streamId, {
          type: 'AdjustPoints',
          data: { ...body, personKnown },
        });
        return E.map(() => ({ id: partnerId, streamId }))(decided);
      }),

    redeem: (ctx: CommandContext, principal: Caller, input: OnLedger<typeof S.RedemptionBody>): CommandOutcome =>
      pipeline.execute(ctx, async (uow) => {
        const { partnerId, ...body } = input;
        const { state: partner } = await uow.load(partnerDecider, partnerStream(partnerId));
        const allowed = authorizePartner(
          principal,
          partnerId,
          partner,
          redeems(body.personId, body.from),
          'redeem points of',
        );
        if (E.isLeft(allowed)) return allowed;
        const streamId = pointsStream(partnerId);
        const decided = await uow.decide(ledgerDecider, streamId, { type: 'RedeemPoints', data: body });
        return E.map(() => ({ id: partnerId, streamId }))(decided);
      }),

    /**
     * Points earned from a source event (a won deal, a certification); the ledger refuses a source
     * twice (`duplicate`).
     */
    earn: (ctx: CommandContext, principal: Caller, input: { readonly partnerId: string } & Earning): CommandOutcome =>
      pipeline.execute(ctx, async (uow) => {
        const refused = onlySystem(principal, 'earned');
        if (refused) return refused;
        const { partnerId, ...data } = input;
        const streamId = pointsStream(partnerId);
        const decided = await uow.decide(ledgerDecider, streamId, { type: 'EarnPoints', data });
        return E.map(() => ({ id: partnerId, streamId }))(decided);
      }),

    /** The ledger's points older than `expiryMonths` expire, oldest first (one PointsExpired per pot). */
    expire: async (
      ctx: CommandContext,
      principal: Caller,
      input: { partnerId: string; expiryMonths: number },
    ): CommandOutcome<PointsExpiryResult> => {
      let expiredPoints = 0;
      const outcome = await pipeline.execute(ctx, async (uow) => {
        const refused = onlySystem(principal, 'expired');
        if (refused) return refused;
        const streamId = pointsStream(input.partnerId);
        const decided = await uow.decide(ledgerDecider, streamId, {
          type: 'ExpirePoints',
          data: { expiryMonths: input.expiryMonths },
        });
        expiredPoints = E.isRight(decided)
          ? decided.right.events.reduce((n, e) => n + (e.type === 'PointsExpired' ? e.data.points : 0), 0)
          : 0;
        return E.map(() => ({ id: input.partnerId, streamId }))(decided);
      });
      return E.map((result: CommandResult) => ({ ...result, expiredPoints }))(outcome);
    },
  };
};
export type PointsCommands = ReturnType<typeof pointsCommands>;
