import type { FastifyInstance } from 'fastify';
import * as E from 'fp-ts/lib/Either.js';
import { z } from 'zod';
import { domainError, Period, periodOf } from '../../domain/shared/index.js';
import { answer, queryRoute } from '../../http/routes.js';
import { readTogether } from '../../infra/sql/sqlDb.js';
import { readChannelSettings } from '../channel/readChannelSettings.js';
import type { QueryDeps } from '../queryDeps.js';
import { channelKpis, quadrantOf } from './channelHealth.js';
import { isVendorStaff, visibleScorecards } from './scorecardScope.js';
import { InstantOut, named } from '../../http/contract.js';
import { ChannelKpisOut, QuadrantOut } from './channelHealthView.js';

const RegionHealthOut = named(
  'RegionHealth',
  z.object({
    period: Period,
    asOf: InstantOut,
    regionsInChannel: z.number().int(),
    desiredPartnerCountPerRegion: z.number(),
    items: z.array(z.object({ region: z.string(), ...ChannelKpisOut.shape, quadrant: QuadrantOut })),
  }),
);

/** Partners that never were part of the channel do not make a region. */
const inChannel = `sp.status NOT IN ('applied', 'rejected')`;

/**
 * Channel health per region, for the console's quadrant with a dot per region. The channel has one
 * desired partner count; no region has its own, so each region's quadrant measures against an even
 * share of it (desired / regions of the channel), which the answer states as `desiredPartnerCount`.
 */
export const regionHealthRoutes = (app: FastifyInstance, deps: QueryDeps) => {
  queryRoute(
    app,
    {
      method: 'GET',
      url: '/dashboards/regions',
      tags: ['scorecards', 'dashboards'],
      query: z.strictObject({ period: Period.optional() }),
      response: RegionHealthOut,
      problems: [403],
      summary:
        'Channel health per region for a period (default: current), over the partners the caller sees, ' +
        "each with its quadrant against an even share of the channel's desired partner count",
    },
    async ({ query, principal }) => {
      if (!isVendorStaff(principal)) return E.left(domainError('forbidden', 'channel health is for vendor staff'));
      // Every region's figures from one instant.
      return readTogether(deps.reader, async (reader) => {
        const now = deps.now();
        const period = query.period ?? periodOf(now);
        const scope = visibleScorecards(principal);
        const [settings, all, visible] = await Promise.all([
          readChannelSettings(reader),
          reader.all<{ region: string }>(`SELECT DISTINCT sp.region FROM scorecard_partners sp WHERE ${inChannel}`),
          reader.all<{ region: string }>(
            `SELECT DISTINCT sp.region FROM scorecard_partners sp WHERE ${inChannel} AND ${scope.sql} ` +
              'ORDER BY sp.region',
            [...scope.params],
          ),
        ]);
        const share = Math.round((settings.desiredPartnerCount / Math.max(1, all.length)) * 100) / 100;
        const items = [];
        for (const { region } of visible) {
          const kpis = await channelKpis(
            reader,
            { sql: `${scope.sql} AND sp.region = ?`, params: [...scope.params, region] },
            period,
            now,
          );
          items.push({ region, ...kpis, quadrant: quadrantOf(kpis, { ...settings, desiredPartnerCount: share }) });
        }
        return E.right(
          answer({
            period,
            asOf: now.toISOString(),
            regionsInChannel: all.length,
            desiredPartnerCountPerRegion: share,
            items,
          }),
        );
      });
    },
  );
};
