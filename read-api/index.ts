import type { FastifyInstance } from 'fastify';
import { apiClientQueryRoutes } from './apiClient/apiClientQueryRoutes.js';
import { oidcClientQueryRoutes } from './oidcClient/oidcClientQueryRoutes.js';
import { channelQueryRoutes } from './channel/channelQueryRoutes.js';
import { contentQueryRoutes } from './content/contentQueryRoutes.js';
import { dealQueryRoutes } from './deal/dealQueryRoutes.js';
import { expiringProtectionRoutes } from './deal/expiringProtectionRoutes.js';
import { pipelineRoutes } from './deal/pipelineRoutes.js';
import { leadDashboardRoutes } from './lead/leadDashboardRoutes.js';
import { leadQueryRoutes } from './lead/leadQueryRoutes.js';
import { mdfQueryRoutes } from './mdf/mdfQueryRoutes.js';
import { partnerQueryRoutes } from './partner/partnerQueryRoutes.js';
import { partnerCertificationRoutes } from './person/partnerCertificationRoutes.js';
import { peopleListRoute } from './person/peopleListRoute.js';
import { peopleQueryRoutes } from './person/peopleQueryRoutes.js';
import { planQueryRoutes } from './plan/planQueryRoutes.js';
import { pointsQueryRoutes } from './points/pointsQueryRoutes.js';
import type { QueryDeps } from './queryDeps.js';
import { scorecardQueryRoutes } from './scorecard/index.js';
import { webhookQueryRoutes } from './webhook/webhookQueryRoutes.js';

export type { QueryDeps } from './queryDeps.js';
export * from './pagination.js';

/** Registers every query route of the API. */
export const queryRoutes = (app: FastifyInstance, deps: QueryDeps) => {
  partnerQueryRoutes(app, deps);
  peopleQueryRoutes(app, deps);
  peopleListRoute(app, deps);
  partnerCertificationRoutes(app, deps);
  channelQueryRoutes(app, deps);
  contentQueryRoutes(app, deps);
  dealQueryRoutes(app, deps);
  pipelineRoutes(app, deps);
  expiringProtectionRoutes(app, deps);
  mdfQueryRoutes(app, deps);
  pointsQueryRoutes(app, deps);
  scorecardQueryRoutes(app, deps);
  webhookQueryRoutes(app, deps);
  leadQueryRoutes(app, deps);
  leadDashboardRoutes(app, deps);
  planQueryRoutes(app, deps);
  apiClientQueryRoutes(app, deps);
  oidcClientQueryRoutes(app, deps);
};
