import type { IdGenerator } from '../domain/shared/index.js';
import { apiClientCommands } from './apiClient/apiClientCommands.js';
import { channelCommands } from './channel/channelCommands.js';
import { contentCommands } from './content/contentCommands.js';
import { dealCommands } from './deal/dealCommands.js';
import { mdfCommands } from './mdf/mdfCommands.js';
import { partnerCommands } from './partner/partnerCommands.js';
import { personCommands } from './person/personCommands.js';
import type { CommandPipeline } from './pipeline/index.js';
import { pointsCommands } from './points/pointsCommands.js';
import { programCommands } from './program/programCommands.js';

export interface CommandDeps {
  readonly pipeline: CommandPipeline;
  /** New partners, people, deals... get their ids here (wrapped for idempotency keys, or the seed's planned ids). */
  readonly ids: IdGenerator;
}

/**
 * Every aggregate's commands, each `(ctx, principal, input) => Either<DomainError, CommandResult>` with
 * the whole orchestration inside (authorisation, loads, decide, multi-stream append, retries). Routes,
 * the seed, sweepers, policies and benchmarks call these; nothing else composes deciders with the pipeline.
 */
export const commandLayer = (deps: CommandDeps) => ({
  partner: partnerCommands(deps),
  person: personCommands(deps),
  program: programCommands(deps),
  channel: channelCommands(deps),
  deal: dealCommands(deps),
  content: contentCommands(deps),
  mdf: mdfCommands(deps),
  points: pointsCommands(deps),
  apiClient: apiClientCommands(deps),
});
export type CommandLayer = ReturnType<typeof commandLayer>;
