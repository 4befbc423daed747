import type { FastifyInstance } from 'fastify';
import * as E from 'fp-ts/lib/Either.js';
import { z } from 'zod';
import { isPartnerAdminOf, managesPartner, personIdOf, readsEverything } from '../../domain/access/index.js';
import { domainError, PartnerId, PersonId } from '../../domain/shared/index.js';
import { answer, queryRoute } from '../../http/routes.js';
import { Cursor, Limit, toPage } from '../pagination.js';
import { visiblePartners } from '../partner/partnerVisibility.js';
import type { QueryDeps } from '../queryDeps.js';
import { InstantOut, named, pageOf } from '../../http/contract.js';

const n = z.number().int();
const totalsFields = { balance: n, earned: n, adjusted: n, redeemed: n, expired: n };
const ledgerEntry = z.object({
  position: n,
  kind: z.string(),
  points: n,
  personId: z.string().nullable(),
  reason: z.string().nullable(),
  sourceEventId: z.string().nullable(),
  rewardId: z.string().nullable(),
  redeemedFrom: z.string().nullable(),
  recordedAt: InstantOut,
});
const pointsFields = {
  partnerId: PartnerId,
  ...totalsFields,
  people: z.array(z.object({ personId: PersonId, ...totalsFields })),
  ledger: pageOf('PointsLedgerPage', ledgerEntry),
};
/** The whole partner's points (vendor staff, the partner's admins) or one person's own. */
const PointsOut = named(
  'Points',
  z.discriminatedUnion('scope', [
    z.object({ scope: z.literal('partner'), ...pointsFields, sharedBalance: n }),
    z.object({ scope: z.literal('person'), ...pointsFields, personId: PersonId.nullable() }),
  ]),
);
const PositionCursor = Cursor.pipe(z.number({ error: 'not a cursor from this API' }).int());
const Query = z.strictObject({ personId: PersonId.optional(), limit: Limit, cursor: PositionCursor.optional() });

const totals = (
  r: { balance: number; earned: number; adjusted: number; redeemed: number; expired: number } | undefined,
) => ({
  balance: Number(r?.balance ?? 0),
  earned: Number(r?.earned ?? 0),
  adjusted: Number(r?.adjusted ?? 0),
  redeemed: Number(r?.redeemed ?? 0),
  expired: Number(r?.expired ?? 0),
});

export const pointsQueryRoutes = (app: FastifyInstance, deps: QueryDeps) => {
  const { readModels: db } = deps;
  queryRoute(
    app,
    {
      method: 'GET',
      url: '/partners/:id/points',
      summary:
        "A partner's points: balances per partner and per person, and the ledger (newest first). " +
        "A partner's people other than its admins see their own points only.",
      tags: ['points'],
      params: z.strictObject({ id: PartnerId }),
      query: Query,
      response: PointsOut,
      versioned: true,
      problems: [403],
    },
    async ({ params, query, principal }) => {
      const partner = await db
        .selectFrom('partners')
        .select(['partner_id', 'region', 'channel_manager_id'])
        .where('partner_id', '=', params.id)
        .where(visiblePartners(principal))
        .executeTakeFirst();
      if (!partner) return E.left(domainError('not_found', 'partner not found'));
      const scope = {
        partnerId: partner.partner_id,
        region: partner.region,
        channelManagerId: partner.channel_manager_id ?? undefined,
      };
      const seesAll =
        readsEverything(principal) || managesPartner(principal, scope) || isPartnerAdminOf(principal, params.id);
      const self = personIdOf(principal);
      if (!seesAll && query.personId !== undefined && query.personId !== self)
        return E.left(domainError('forbidden', "only the partner's admins see other people's points"));
      const personId = seesAll ? query.personId : self;

      let people = db.selectFrom('points_people').selectAll().where('partner_id', '=', params.id);
      let ledger = db.selectFrom('points_ledger').selectAll().where('partner_id', '=', params.id);
      if (personId) {
        people = people.where('person_id', '=', personId);
        ledger = ledger.where('person_id', '=', personId);
      }
      if (query.cursor !== undefined) ledger = ledger.where('position', '<', query.cursor);
      const [account, personRows, entries] = await Promise.all([
        db.selectFrom('points_partners').selectAll().where('partner_id', '=', params.id).executeTakeFirst(),
        people.orderBy('person_id').execute(),
        ledger
          .orderBy('position', 'desc')
          .limit(query.limit + 1)
          .execute(),
      ]);
      const page = toPage(
        entries,
        query.limit,
        (r) => ({
          position: Number(r.position),
          kind: r.kind,
          points: Number(r.points),
          personId: r.person_id,
          reason: r.reason,
          sourceEventId: r.source_event_id,
          rewardId: r.reward_id,
          redeemedFrom: r.redeemed_from,
          recordedAt: r.recorded_at,
        }),
        (r) => Number(r.position),
      );
      const perPerson = personRows.map((r) => ({ personId: r.person_id, ...totals(r) }));
      const body: z.input<typeof PointsOut> = seesAll
        ? {
            partnerId: params.id,
            scope: 'partner',
            ...totals(account),
            sharedBalance: Number(account?.shared_balance ?? 0),
            people: perPerson,
            ledger: page,
          }
        : {
            partnerId: params.id,
            scope: 'person',
            personId: self ?? null,
            ...totals(personRows[0]),
            people: perPerson,
            ledger: page,
          };
      return E.right(answer(body, seesAll && account ? Number(account.version) : undefined));
    },
  );
};
