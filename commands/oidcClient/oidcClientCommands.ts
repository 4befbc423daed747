import * as E from 'fp-ts/lib/Either.js';
import type { z } from 'zod';
import { isVendorAdmin, type Caller } from '../../domain/access/index.js';
import { oidcClientDecider, oidcClientStream } from '../../domain/oidcClient/index.js';
import type { IdGenerator } from '../../domain/shared/index.js';
import { forbidden } from '../auth/refusals.js';
import type { CommandContext, CommandOutcome, CommandPipeline } from '../pipeline/index.js';
import type { RegisterOidcClientBody } from './oidcClientSchemas.js';

/** Partner apps of the PRM's OpenID provider (DESIGN §14): only vendor admins register them, in the log. */
export const oidcClientCommands = (deps: { pipeline: CommandPipeline; ids: IdGenerator }) => ({
  register: (ctx: CommandContext, principal: Caller, input: z.infer<typeof RegisterOidcClientBody>): CommandOutcome =>
    deps.pipeline.execute(ctx, async (uow) => {
      if (!isVendorAdmin(principal)) return forbidden('only vendor admins register apps with the identity provider');
      const clientId = deps.ids.next('oidcClient');
      const streamId = oidcClientStream(clientId);
      const decided = await uow.decide(oidcClientDecider, streamId, {
        type: 'RegisterOidcClient',
        data: { clientId, ...input },
      });
      return E.map(() => ({ id: clientId, streamId }))(decided);
    }),
});
export type OidcClientCommands = ReturnType<typeof oidcClientCommands>;
