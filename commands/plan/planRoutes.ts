import type { FastifyInstance } from 'fastify';
import { commandRoute, type CommandKit } from '../../http/commandRoute.js';
import type { PlanCommands } from './planCommands.js';
import * as S from './planSchemas.js';

/** Joint business plans over HTTP. */
export const planCommandRoutes = (app: FastifyInstance, kit: CommandKit, plans: PlanCommands) => {
  commandRoute(
    app,
    kit,
    {
      method: 'POST',
      url: '/partners/:id/plans',
      created: true,
      tags: ['plans', 'partners'],
      params: S.PlanPartnerParams,
      body: S.CreatePlanBody,
      summary:
        'A joint business plan for a year or quarter: objectives with targets ' +
        '(409 duplicate when the partner has one for the period)',
    },
    ({ params, body, principal, ctx }) => plans.create(ctx, principal, { partnerId: params.id, ...body }),
  );
  commandRoute(
    app,
    kit,
    {
      method: 'POST',
      url: '/partners/:id/plans/:planId/revise',
      tags: ['plans', 'partners'],
      params: S.PlanParams,
      body: S.RevisePlanBody,
      summary: "Replace a plan's objectives (and notes), as agreed later",
    },
    ({ params, body, principal, ctx }) =>
      plans.revise(ctx, principal, { partnerId: params.id, planId: params.planId, ...body }),
  );
};
