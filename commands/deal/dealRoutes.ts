import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import type { Caller } from '../../domain/access/index.js';
import { commandRoute, type CommandKit } from '../../http/commandRoute.js';
import type { CommandContext } from '../pipeline/index.js';
import type { DealCommands } from './dealCommands.js';
import * as S from './dealSchemas.js';

/** The deal registration commands over HTTP. */
export const dealCommandRoutes = (app: FastifyInstance, kit: CommandKit, deals: DealCommands) => {
  commandRoute(
    app,
    kit,
    {
      method: 'POST',
      url: '/deals',
      created: true,
      tags: ['deals'],
      body: S.RegisterDealBody,
      summary: "Register a deal for the caller's partner (the customer's domain is normalised; collisions are flagged)",
    },
    ({ body, principal, ctx }) => deals.register(ctx, principal, body),
  );

  const dealRoute = <B extends z.ZodType>(
    action: string,
    summary: string,
    body: B,
    run: (ctx: CommandContext, principal: Caller, dealId: string, body: z.infer<B>) => ReturnType<typeof deals.approve>,
  ) =>
    commandRoute(
      app,
      kit,
      { method: 'POST', url: `/deals/:id/${action}`, summary, tags: ['deals'], params: S.DealParams, body },
      ({ params, body: input, principal, ctx }) => run(ctx, principal, params.id, input),
    );

  dealRoute(
    'approve',
    "Approve: protect the deal for the channel's dealProtectionDays, or protectionDays " +
      '(409 channel_conflict when another partner holds it)',
    S.ApproveDealBody,
    deals.approve,
  );
  dealRoute('reject', 'Reject a submitted registration', S.ReasonBody, deals.reject);
  dealRoute(
    'withdraw',
    'Withdraw a submitted registration (the partner, before approval)',
    S.WithdrawDealBody,
    deals.withdraw,
  );
  dealRoute(
    'extend',
    'Extend protection to a later date (at most maxDealExtensions times)',
    S.ExtendProtectionBody,
    deals.extend,
  );
  dealRoute('won', 'Report the deal won', S.WinDealBody, deals.win);
  dealRoute('lost', 'Report the deal lost (releases the customer)', S.ReasonBody, deals.lose);
};
