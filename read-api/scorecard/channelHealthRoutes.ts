import type { FastifyInstance } from 'fastify';
import * as E from 'fp-ts/lib/Either.js';
import { z } from 'zod';
import { domainError, Period, periodOf } from '../../domain/shared/index.js';
import { answer, queryRoute } from '../../http/routes.js';
import { readChannelSettings } from '../channel/readChannelSettings.js';
import { aberdeenTriple } from '../lead/leadKpis.js';
import type { QueryDeps } from '../queryDeps.js';
import { readTogether } from '../../infra/sql/sqlDb.js';
import { channelKpis, quadrantOf } from './channelHealth.js';
import { everything, isVendorStaff, visibleScorecards } from './scorecardScope.js';
import { ChannelHealthOut } from './channelHealthView.js';

export const channelHealthRoutes = (app: FastifyInstance, deps: QueryDeps) => {
  queryRoute(
    app,
    {
      method: 'GET',
      url: '/dashboards/channel-health',
      tags: ['scorecards', 'dashboards'],
      query: z.strictObject({ period: Period.optional() }),
      response: ChannelHealthOut,
      problems: [403],
      summary:
        'Channel health for a period (default: current): partner count vs desired, share achieving quota, ' +
        'revenue growth, lead conversion, ready-to-sell share, the channel quadrant and the Aberdeen triple ' +
        '(quota achievers, revenue growth and lead conversion year over year); ' +
        'for a regional channel manager also `managed`, the same KPIs over their partners',
    },
    async ({ query, principal }) => {
      if (!isVendorStaff(principal)) return E.left(domainError('forbidden', 'channel health is for vendor staff'));
      // Every figure from one instant: the channel's, the manager's and the Aberdeen triple add up.
      return readTogether(deps.reader, async (reader) => {
        const now = deps.now();
        const period = query.period ?? periodOf(now);
        const settings = await readChannelSettings(reader);
        const channel = await channelKpis(reader, everything, period, now);
        // A channel manager who sees only some partners (their regions and assignments) also gets the KPIs over those.
        const scope = visibleScorecards(principal);
        const managed = scope !== everything ? await channelKpis(reader, scope, period, now) : undefined;
        return E.right(
          answer({
            asOf: now.toISOString(),
            ...channel,
            quadrant: quadrantOf(channel, settings),
            aberdeen: await aberdeenTriple(reader, everything, period, channel),
            ...(managed ? { managed } : {}),
          }),
        );
      });
    },
  );
};
