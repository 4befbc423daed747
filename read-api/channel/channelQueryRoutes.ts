import type { FastifyInstance } from 'fastify';
import * as E from 'fp-ts/lib/Either.js';
import { answer, queryRoute } from '../../http/routes.js';
import type { QueryDeps } from '../queryDeps.js';

import { ChannelSettingsOut, readChannelSettings } from './readChannelSettings.js';

export const channelQueryRoutes = (app: FastifyInstance, deps: QueryDeps) => {
  queryRoute(
    app,
    {
      method: 'GET',
      url: '/channel/settings',
      summary: 'Current channel settings (defaults included)',
      tags: ['channel'],
      response: ChannelSettingsOut,
    },
    async () => E.right(answer(await readChannelSettings(deps.reader))),
  );
};
