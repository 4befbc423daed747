import type { FastifyInstance } from 'fastify';
import { apiClientCommandRoutes } from './apiClient/apiClientRoutes.js';
import { channelCommandRoutes } from './channel/channelRoutes.js';
import { commandLayer, type CommandDeps } from './commandLayer.js';
import { contentCommandRoutes } from './content/contentRoutes.js';
import { dealCommandRoutes } from './deal/dealRoutes.js';
import { externalRefCommandRoutes } from './externalRef/externalRefRoutes.js';
import { leadCommandRoutes } from './lead/leadRoutes.js';
import { locationCommandRoutes } from './location/locationRoutes.js';
import type { CommandKit } from '../http/commandRoute.js';
import { mdfCommandRoutes } from './mdf/mdfRoutes.js';
import { partnerCommandRoutes } from './partner/partnerRoutes.js';
import { personCommandRoutes } from './person/personRoutes.js';
import { planCommandRoutes } from './plan/planRoutes.js';
import type { CommandPipeline } from './pipeline/index.js';
import { pointsCommandRoutes } from './points/pointsRoutes.js';
import { programCommandRoutes } from './program/programRoutes.js';

export { actorOf } from './auth/actorOf.js';
export { commandRoute, type CommandKit } from '../http/commandRoute.js';
export * from './commandLayer.js';
export * from './pipeline/index.js';

/** Registers every command route of the API, over one command layer with the kit's ids. */
export const commandRoutes = (
  app: FastifyInstance,
  kit: CommandKit,
  pipeline: CommandPipeline,
  extra: Pick<CommandDeps, 'leadCandidates'> = {},
) => {
  const commands = commandLayer({ pipeline, ids: kit.ids, ...extra });
  partnerCommandRoutes(app, kit, commands.partner);
  personCommandRoutes(app, kit, commands.person);
  programCommandRoutes(app, kit, commands.program);
  channelCommandRoutes(app, kit, commands.channel);
  dealCommandRoutes(app, kit, commands.deal);
  contentCommandRoutes(app, kit, commands.content);
  mdfCommandRoutes(app, kit, commands.mdf);
  pointsCommandRoutes(app, kit, commands.points);
  externalRefCommandRoutes(app, kit, commands.externalRef);
  leadCommandRoutes(app, kit, commands.lead);
  planCommandRoutes(app, kit, commands.plan);
  locationCommandRoutes(app, kit, commands.location);
  apiClientCommandRoutes(app, kit, commands.apiClient);
};
