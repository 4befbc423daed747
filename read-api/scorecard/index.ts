import type { FastifyInstance } from 'fastify';
import type { QueryDeps } from '../queryDeps.js';
import { certifiedTrendRoutes } from './certifiedTrendRoutes.js';
import { channelHealthRoutes } from './channelHealthRoutes.js';
import { regionHealthRoutes } from './regionHealthRoutes.js';
import { scorecardRoutes } from './scorecardRoutes.js';
import { tierSignalRoutes } from './tierSignalRoutes.js';
import { wonRevenueRoutes } from './wonRevenueRoutes.js';

/** Scorecards, channel health and tier signals (the pipeline dashboard belongs to read-api/deal). */
export const scorecardQueryRoutes = (app: FastifyInstance, deps: QueryDeps) => {
  scorecardRoutes(app, deps);
  channelHealthRoutes(app, deps);
  tierSignalRoutes(app, deps);
  // What the console adds: per-region health, certified people over time, like-for-like revenue.
  regionHealthRoutes(app, deps);
  certifiedTrendRoutes(app, deps);
  wonRevenueRoutes(app, deps);
};
