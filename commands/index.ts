import type { FastifyInstance } from 'fastify';
import { channelCommandRoutes } from './channel/channelRoutes.js';
import { contentCommandRoutes } from './content/contentRoutes.js';
import { dealCommandRoutes } from './deal/dealRoutes.js';
import type { CommandKit } from '../http/commandRoute.js';
import { mdfCommandRoutes } from './mdf/mdfRoutes.js';
import { partnerCommandRoutes } from './partner/partnerRoutes.js';
import { personCommandRoutes } from './person/personRoutes.js';
import type { CommandPipeline } from './pipeline/index.js';
import { pointsCommandRoutes } from './points/pointsRoutes.js';
import { programCommandRoutes } from './program/programRoutes.js';

export { actorOf, commandRoute, type CommandKit } from '../http/commandRoute.js';
export * from './pipeline/index.js';

/** Registers every command route of the API. */
export const commandRoutes = (app: FastifyInstance, kit: CommandKit, pipeline: CommandPipeline) => {
  partnerCommandRoutes(app, kit, pipeline);
  personCommandRoutes(app, kit, pipeline);
  programCommandRoutes(app, kit, pipeline);
  channelCommandRoutes(app, kit, pipeline);
  dealCommandRoutes(app, kit, pipeline);
  contentCommandRoutes(app, kit, pipeline);
  mdfCommandRoutes(app, kit, pipeline);
  pointsCommandRoutes(app, kit, pipeline);
};
