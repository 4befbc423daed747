import * as E from 'fp-ts/lib/Either.js';
import type { z } from 'zod';
import { isVendorAdmin, type Caller } from '../../domain/access/index.js';
import { CHANNEL_STREAM, channelDecider } from '../../domain/channel/index.js';
import { programDecider, programStream } from '../../domain/program/index.js';
import type { IdGenerator } from '../../domain/shared/index.js';
import { forbidden } from '../auth/refusals.js';
import type { CommandContext, CommandOutcome, CommandPipeline } from '../pipeline/index.js';
import type { DefineProgramBody } from './programSchemas.js';

/**
 * Certification programs, independent of HTTP: only vendor admins define and retire them (programs
 * are public, so never 404 for being unseen).
 */
export const programCommands = (deps: { pipeline: CommandPipeline; ids: IdGenerator }) => {
  const { pipeline, ids } = deps;
  return {
    define: (ctx: CommandContext, principal: Caller, body: z.infer<typeof DefineProgramBody>): CommandOutcome =>
      pipeline.execute(ctx, async (uow) => {
        if (!isVendorAdmin(principal)) return forbidden('only vendor admins define programs');
        const { state: settings } = await uow.load(channelDecider, CHANNEL_STREAM);
        const programId = ids.next('program');
        const streamId = programStream(programId);
        const decided = await uow.decide(programDecider, streamId, {
          type: 'DefineProgram',
          data: { programId, ...body, productLines: settings.productLines },
        });
        return E.map(() => ({ id: programId, streamId }))(decided);
      }),
    retire: (ctx: CommandContext, principal: Caller, input: { programId: string }): CommandOutcome =>
      pipeline.execute(ctx, async (uow) => {
        if (!isVendorAdmin(principal)) return forbidden('only vendor admins retire programs');
        const streamId = programStream(input.programId);
        const decided = await uow.decide(programDecider, streamId, { type: 'RetireProgram', data: {} });
        return E.map(() => ({ id: input.programId, streamId }))(decided);
      }),
  };
};
export type ProgramCommands = ReturnType<typeof programCommands>;
