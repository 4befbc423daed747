import type { FastifyInstance } from 'fastify';
import { commandRoute, type CommandKit } from '../../http/commandRoute.js';
import type { ProgramCommands } from './programCommands.js';
import * as S from './programSchemas.js';

/** The certification program commands over HTTP. */
export const programCommandRoutes = (app: FastifyInstance, kit: CommandKit, programs: ProgramCommands) => {
  commandRoute(
    app,
    kit,
    {
      method: 'POST',
      url: '/programs',
      summary: 'Define a certification program',
      tags: ['programs'],
      body: S.DefineProgramBody,
      created: true,
    },
    ({ body, principal, ctx }) => programs.define(ctx, principal, body),
  );
  commandRoute(
    app,
    kit,
    {
      method: 'POST',
      url: '/programs/:id/retire',
      summary: 'Retire a program (no new certifications)',
      tags: ['programs'],
      params: S.ProgramParams,
      body: S.RetireProgramBody,
    },
    ({ params, principal, ctx }) => programs.retire(ctx, principal, { programId: params.id }),
  );
};
