import type { IdGenerator } from '../domain/shared/index.js';
import { apiClientCommands } from './apiClient/apiClientCommands.js';
import { channelCommands } from './channel/channelCommands.js';
import { contentCommands } from './content/contentCommands.js';
import { dealCommands } from './deal/dealCommands.js';
import { externalRefCommands } from './externalRef/externalRefCommands.js';
import type { LeadCandidates } from './lead/leadCandidates.js';
import { leadCommands } from './lead/leadCommands.js';
import { locationCommands } from './location/locationCommands.js';
import { mdfCommands } from './mdf/mdfCommands.js';
import { partnerCommands } from './partner/partnerCommands.js';
import { personCommands } from './person/personCommands.js';
import { planCommands } from './plan/planCommands.js';
import type { CommandPipeline } from './pipeline/index.js';
import { pointsCommands } from './points/pointsCommands.js';
import { programCommands } from './program/programCommands.js';

export interface CommandDeps {
  readonly pipeline: CommandPipeline;
  /** New partners, people, deals... get their ids here (wrapped for idempotency keys, or the seed's planned ids). */
  readonly ids: IdGenerator;
  /** Partners lead routing may choose (the read models in the server; the seed's simulation); none when absent. */
  readonly leadCandidates?: LeadCandidates;
}

/**
 * Every aggregate's commands, each `(ctx, principal, input) => Either<DomainError, CommandResult>` with
 * the whole orchestration inside (authorisation, loads, decide, multi-stream append, retries). Routes,
 * the seed, sweepers, policies and benchmarks call these; nothing else composes deciders with the pipeline.
 */
export const commandLayer = (deps: CommandDeps) => {
  const deal = dealCommands(deps);
  return {
    partner: partnerCommands(deps),
    person: personCommands(deps),
    program: programCommands(deps),
    channel: channelCommands(deps),
    deal,
    content: contentCommands(deps),
    mdf: mdfCommands(deps),
    points: pointsCommands(deps),
    lead: leadCommands({ ...deps, deals: deal, candidates: deps.leadCandidates }),
    plan: planCommands(deps),
    location: locationCommands(deps),
    externalRef: externalRefCommands(deps),
    apiClient: apiClientCommands(deps),
  };
};
export type CommandLayer = ReturnType<typeof commandLayer>;
