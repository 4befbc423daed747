import type { FastifyInstance } from 'fastify';
import { commandRoute, type CommandKit } from '../../http/commandRoute.js';
import type { PointsCommands } from './pointsCommands.js';
import * as S from './pointsSchemas.js';

/** The points commands people issue over HTTP (earning and expiry are the channel's own, see policies and sweepers). */
export const pointsCommandRoutes = (app: FastifyInstance, kit: CommandKit, points: PointsCommands) => {
  commandRoute(
    app,
    kit,
    {
      method: 'POST',
      url: '/partners/:id/points/adjustments',
      summary: 'Credit or debit points by hand, with the reason',
      tags: ['points'],
      params: S.PartnerParams,
      body: S.AdjustmentBody,
    },
    ({ params, body, principal, ctx }) => points.adjust(ctx, principal, { ...body, partnerId: params.id }),
  );
  commandRoute(
    app,
    kit,
    {
      method: 'POST',
      url: '/partners/:id/points/redemptions',
      summary: 'Redeem points for a reward (balance checked, oldest points first)',
      tags: ['points'],
      params: S.PartnerParams,
      body: S.RedemptionBody,
    },
    ({ params, body, principal, ctx }) => points.redeem(ctx, principal, { ...body, partnerId: params.id }),
  );
};
