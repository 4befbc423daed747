import type { FastifyInstance } from 'fastify';
import * as E from 'fp-ts/lib/Either.js';
import { z } from 'zod';
import {
  domainError,
  PartnerId,
  Period,
  periodOf,
  PersonId,
  Tier,
  type Tier as TierName,
} from '../../domain/shared/index.js';
import { answer, queryRoute } from '../../http/routes.js';
import { readChannelSettings } from '../channel/readChannelSettings.js';
import { Limit, StringCursor, toPage } from '../pagination.js';
import type { QueryDeps } from '../queryDeps.js';
import { InstantOut, MoneyOut, named } from '../../http/contract.js';
import { ChannelSettingsOut } from '../channel/readChannelSettings.js';
import { periodsUpTo } from './figures.js';
import { certifiedPeopleNow } from './readinessNow.js';
import { isVendorStaff, visibleScorecards } from './scorecardScope.js';
import { tierSignal } from './tierSignals.js';

/** Revenue for tier criteria counts over the last four periods up to the one asked for. */
const WINDOW = 4;
const Query = z.strictObject({
  period: Period.optional(),
  signal: z.enum(['upgrade', 'downgrade']).optional(),
  limit: Limit,
  cursor: StringCursor.optional(),
});

const n = z.number().int();
const TierCheckOut = z.object({
  tier: Tier,
  met: z.boolean(),
  wonRevenue: z.object({ required: MoneyOut, actual: MoneyOut, met: z.boolean() }).nullable(),
  certifiedPeople: z.object({ required: n, actual: n, met: z.boolean() }).nullable(),
});
const TierSignalOut = named(
  'TierSignal',
  z.object({
    partnerId: PartnerId,
    name: z.string().nullable(),
    region: z.string().nullable(),
    channelManagerId: PersonId.nullable(),
    tier: Tier,
    signal: z.enum(['upgrade', 'downgrade']),
    suggestedTier: Tier,
    current: TierCheckOut,
    suggested: TierCheckOut,
    wonRevenue: z.array(MoneyOut),
    certifiedPeople: n,
  }),
);
const TierSignalsOut = named(
  'TierSignals',
  z.object({
    period: Period,
    window: z.array(Period),
    asOf: InstantOut,
    criteria: ChannelSettingsOut.shape.tierCriteria,
    items: z.array(TierSignalOut),
    nextCursor: z.string().nullable(),
  }),
);

export const tierSignalRoutes = (app: FastifyInstance, deps: QueryDeps) => {
  queryRoute(
    app,
    {
      method: 'GET',
      url: '/dashboards/tier-signals',
      tags: ['scorecards', 'dashboards'],
      query: Query,
      response: TierSignalsOut,
      problems: [403],
      summary:
        "Active partners whose won revenue (last four periods) and certified people meet a higher tier's criteria, " +
        'or fall below their own (channel settings tierCriteria); change the tier with POST /partners/:id/tier',
    },
    async ({ query, principal }) => {
      if (!isVendorStaff(principal)) return E.left(domainError('forbidden', 'tier signals are for vendor staff'));
      const now = deps.now();
      const period = query.period ?? periodOf(now);
      const window = periodsUpTo(period, WINDOW);
      const scope = visibleScorecards(principal);
      const settings = await readChannelSettings(deps.reader);
      const partners = await deps.reader.all<{ partner_id: string; tier: TierName; certified_expiries: string }>(
        `SELECT sp.partner_id, sp.tier, sp.certified_expiries FROM scorecard_partners sp
       WHERE sp.status = 'active' AND sp.tier IS NOT NULL AND ${scope.sql}
       ${query.cursor ? 'AND sp.partner_id > ?' : ''} ORDER BY sp.partner_id`,
        [...scope.params, ...(query.cursor ? [query.cursor] : [])],
      );
      // Running totals of the four periods up to this one (the projection adds each win to its period
      // and the three after).
      const revenue = await deps.reader.all<{ partner_id: string; currency: string; won: number }>(
        'SELECT partner_id, currency, won_minor AS won FROM scorecard_trailing_revenue WHERE period = ?',
        [period],
      );
      const wonOf = new Map<string, Map<string, number>>();
      for (const r of revenue)
        wonOf.set(r.partner_id, (wonOf.get(r.partner_id) ?? new Map()).set(r.currency, Number(r.won)));
      const found = [];
      for (const p of partners) {
        const figures = {
          wonByCurrency: wonOf.get(p.partner_id) ?? new Map<string, number>(),
          certifiedPeople: certifiedPeopleNow(p.certified_expiries, now),
        };
        const s = tierSignal(Tier.parse(p.tier), settings.tierCriteria, figures);
        if (!s || (query.signal && s.signal !== query.signal)) continue;
        found.push({ partnerId: p.partner_id, tier: p.tier, figures, s });
        if (found.length > query.limit) break;
      }
      const ids = found.map((f) => f.partnerId);
      const details = new Map(
        (ids.length
          ? await deps.reader.all<{
              partner_id: string;
              name: string;
              region: string;
              channel_manager_id: string | null;
            }>(
              'SELECT partner_id, name, region, channel_manager_id FROM scorecard_partners ' +
                `WHERE partner_id IN (${ids.map(() => '?').join(', ')})`,
              ids,
            )
          : []
        ).map((d) => [d.partner_id, d]),
      );
      const signals = found.map(({ partnerId, tier, figures, s }) => ({
        partnerId,
        name: details.get(partnerId)?.name ?? null,
        region: details.get(partnerId)?.region ?? null,
        channelManagerId: details.get(partnerId)?.channel_manager_id ?? null,
        tier,
        ...s,
        wonRevenue: [...figures.wonByCurrency]
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([currency, amountMinor]) => ({ currency, amountMinor })),
        certifiedPeople: figures.certifiedPeople,
      }));
      return E.right(
        answer({
          period,
          window,
          asOf: now.toISOString(),
          criteria: settings.tierCriteria,
          ...toPage(
            signals,
            query.limit,
            (s) => s,
            (s) => s.partnerId,
          ),
        }),
      );
    },
  );
};
