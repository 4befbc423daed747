import type { FastifyInstance } from 'fastify';
import * as E from 'fp-ts/lib/Either.js';
import { pipe } from 'fp-ts/lib/function.js';
import { z } from 'zod';
import { isVendorAdmin } from '../../domain/access/index.js';
import { CHANNEL_STREAM, channelDecider } from '../../domain/channel/index.js';
import { programDecider, programStream } from '../../domain/program/index.js';
import { domainError, Name, ProgramId, Slug } from '../../domain/shared/index.js';
import { commandRoute, type CommandKit } from '../../http/commandRoute.js';
import type { CommandPipeline } from '../pipeline/index.js';

const DefineProgramBody = z.strictObject({
  name: Name,
  productLine: Slug,
  validForDays: z.number().int().min(1).max(3650),
  points: z.number().int().min(0).max(1_000_000),
});

export const programCommandRoutes = (app: FastifyInstance, kit: CommandKit, pipeline: CommandPipeline) => {
  commandRoute(
    app, kit,
    { method: 'POST', url: '/programs', summary: 'Define a certification program', tags: ['programs'], body: DefineProgramBody, created: true },
    ({ body, principal, ctx }) =>
      pipeline.execute(ctx, async (uow) => {
        if (!isVendorAdmin(principal)) return E.left(domainError('forbidden', 'only vendor admins define programs'));
        const { state: settings } = await uow.load(channelDecider, CHANNEL_STREAM);
        const programId = kit.ids.next('program');
        const streamId = programStream(programId);
        const decided = await uow.decide(programDecider, streamId, {
          type: 'DefineProgram',
          data: { programId, ...body, productLines: settings.productLines },
        });
        return pipe(decided, E.map(() => ({ id: programId, streamId })));
      }),
  );
  commandRoute(
    app, kit,
    { method: 'POST', url: '/programs/:id/retire', summary: 'Retire a program (no new certifications)', tags: ['programs'], params: z.strictObject({ id: ProgramId }), body: z.strictObject({}) },
    ({ params, principal, ctx }) =>
      pipeline.execute(ctx, async (uow) => {
        if (!isVendorAdmin(principal)) return E.left(domainError('forbidden', 'only vendor admins retire programs'));
        const streamId = programStream(params.id);
        const decided = await uow.decide(programDecider, streamId, { type: 'RetireProgram', data: {} });
        return pipe(decided, E.map(() => ({ id: params.id, streamId })));
      }),
  );
};
