import * as E from 'fp-ts/lib/Either.js';
import type { z } from 'zod';
import { isVendorAdmin, type Caller } from '../../domain/access/index.js';
import { apiClientDecider, apiClientStream } from '../../domain/apiClient/index.js';
import type { IdGenerator } from '../../domain/shared/index.js';
import { forbidden } from '../auth/refusals.js';
import type { CommandContext, CommandOutcome, CommandPipeline } from '../pipeline/index.js';
import type { CreateApiClientBody } from './apiClientSchemas.js';

/** A key as the log may know it: its SHA-256 and first characters, never the key itself. */
export interface KeyDigest {
  readonly keyHash: string;
  readonly keyPrefix: string;
}

/** Service accounts (DESIGN §11): only vendor admins create, rotate and revoke them. */
export const apiClientCommands = (deps: { pipeline: CommandPipeline; ids: IdGenerator }) => {
  const { pipeline, ids } = deps;
  return {
    create: (
      ctx: CommandContext,
      principal: Caller,
      input: z.infer<typeof CreateApiClientBody> & KeyDigest,
    ): CommandOutcome =>
      pipeline.execute(ctx, async (uow) => {
        if (!isVendorAdmin(principal)) return forbidden('only vendor admins create API clients');
        const clientId = ids.next('apiClient');
        const streamId = apiClientStream(clientId);
        const decided = await uow.decide(apiClientDecider, streamId, {
          type: 'CreateApiClient',
          data: { clientId, ...input },
        });
        return E.map(() => ({ id: clientId, streamId }))(decided);
      }),
    rotate: (
      ctx: CommandContext,
      principal: Caller,
      input: { clientId: string; graceSeconds: number } & KeyDigest,
    ): CommandOutcome =>
      pipeline.execute(ctx, async (uow) => {
        if (!isVendorAdmin(principal)) return forbidden('only vendor admins rotate API client keys');
        const { clientId, ...data } = input;
        const streamId = apiClientStream(clientId);
        const decided = await uow.decide(apiClientDecider, streamId, { type: 'RotateApiClientKey', data });
        return E.map(() => ({ id: clientId, streamId }))(decided);
      }),
    revoke: (ctx: CommandContext, principal: Caller, input: { clientId: string; reason?: string }): CommandOutcome =>
      pipeline.execute(ctx, async (uow) => {
        if (!isVendorAdmin(principal)) return forbidden('only vendor admins revoke API clients');
        const streamId = apiClientStream(input.clientId);
        const decided = await uow.decide(apiClientDecider, streamId, {
          type: 'RevokeApiClient',
          data: input.reason ? { reason: input.reason } : {},
        });
        return E.map(() => ({ id: input.clientId, streamId }))(decided);
      }),
  };
};
export type ApiClientCommands = ReturnType<typeof apiClientCommands>;
