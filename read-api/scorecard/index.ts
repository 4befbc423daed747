import type { FastifyInstance } from 'fastify';
import type { QueryDeps } from '../queryDeps.js';
import { channelHealthRoutes } from './channelHealthRoutes.js';
import { scorecardRoutes } from './scorecardRoutes.js';
import { tierSignalRoutes } from './tierSignalRoutes.js';

/** Scorecards, channel health and tier signals (the pipeline dashboard belongs to read-api/deal). */
export const scorecardQueryRoutes = (app: FastifyInstance, deps: QueryDeps) => {
  scorecardRoutes(app, deps);
  channelHealthRoutes(app, deps);
  tierSignalRoutes(app, deps);
};
