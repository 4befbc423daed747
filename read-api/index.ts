import type { FastifyInstance } from 'fastify';
import { channelQueryRoutes } from './channel/channelQueryRoutes.js';
import { contentQueryRoutes } from './content/contentQueryRoutes.js';
import { dealQueryRoutes } from './deals/dealQueryRoutes.js';
import { pipelineRoutes } from './deals/pipelineRoutes.js';
import { mdfQueryRoutes } from './mdf/mdfQueryRoutes.js';
import { partnerQueryRoutes } from './partners/partnerQueryRoutes.js';
import { peopleQueryRoutes } from './people/peopleQueryRoutes.js';
import { pointsQueryRoutes } from './points/pointsQueryRoutes.js';
import type { QueryDeps } from './queryDeps.js';
import { scorecardQueryRoutes } from './scorecards/index.js';

export type { QueryDeps } from './queryDeps.js';
export * from './pagination.js';

/** Registers every query route of the API. */
export const queryRoutes = (app: FastifyInstance, deps: QueryDeps) => {
  partnerQueryRoutes(app, deps);
  peopleQueryRoutes(app, deps);
  channelQueryRoutes(app, deps);
  contentQueryRoutes(app, deps);
  dealQueryRoutes(app, deps);
  pipelineRoutes(app, deps);
  mdfQueryRoutes(app, deps);
  pointsQueryRoutes(app, deps);
  scorecardQueryRoutes(app, deps);
};
