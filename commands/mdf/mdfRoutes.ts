import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import type { Caller } from '../../domain/access/index.js';
import { commandRoute, type CommandKit } from '../../http/commandRoute.js';
import type { CommandContext, CommandOutcome } from '../pipeline/index.js';
import type { MdfCommands } from './mdfCommands.js';
import * as S from './mdfSchemas.js';

/** The MDF commands over HTTP: `/mdf/funds`, its requests and claims. */
export const mdfCommandRoutes = (app: FastifyInstance, kit: CommandKit, mdf: MdfCommands) => {
  commandRoute(
    app,
    kit,
    {
      method: 'POST',
      url: '/mdf/funds',
      summary: 'Allocate a fund to a partner for a period (one per partner and period)',
      tags: ['mdf'],
      body: S.AllocateFundBody,
      created: true,
    },
    ({ body, principal, ctx }) => mdf.allocate(ctx, principal, body),
  );

  /** A route on one fund: its path ids (`id` is the fund) and body are the command's input. */
  const fundRoute = <P extends z.ZodType<{ id: string }>, B extends z.ZodType<object>>(
    url: string,
    summary: string,
    params: P,
    body: B,
    created: boolean,
    run: (
      ctx: CommandContext,
      principal: Caller,
      input: Omit<z.infer<P>, 'id'> & z.infer<B> & { fundId: string },
    ) => CommandOutcome,
  ) =>
    commandRoute(
      app,
      kit,
      { method: 'POST', url, summary, tags: ['mdf'], params, body, created },
      ({ params: p, body: b, principal, ctx }) => {
        const { id, ...ids } = p;
        return run(ctx, principal, { ...b, ...ids, fundId: id });
      },
    );

  fundRoute(
    '/mdf/funds/:id/requests',
    'Submit a request against the fund',
    S.FundParams,
    S.SubmitRequestBody,
    true,
    mdf.submitRequest,
  );
  fundRoute(
    '/mdf/funds/:id/requests/:requestId/approve',
    'Approve a request, fully or partially',
    S.RequestParams,
    S.ApproveBody,
    false,
    mdf.approveRequest,
  );
  fundRoute(
    '/mdf/funds/:id/requests/:requestId/reject',
    'Reject a request, with the reason',
    S.RequestParams,
    S.RejectBody,
    false,
    mdf.rejectRequest,
  );
  fundRoute(
    '/mdf/funds/:id/claims',
    'Claim against an approved request, with proof of performance',
    S.FundParams,
    S.SubmitClaimBody,
    true,
    mdf.submitClaim,
  );
  fundRoute(
    '/mdf/funds/:id/claims/:claimId/approve',
    'Approve a claim, fully or partially',
    S.ClaimParams,
    S.ApproveBody,
    false,
    mdf.approveClaim,
  );
  fundRoute(
    '/mdf/funds/:id/claims/:claimId/reject',
    'Reject a claim, with the reason',
    S.ClaimParams,
    S.RejectBody,
    false,
    mdf.rejectClaim,
  );
  fundRoute(
    '/mdf/funds/:id/claims/:claimId/pay',
    'Record the payment of an approved claim',
    S.ClaimParams,
    S.PayClaimBody,
    false,
    mdf.payClaim,
  );
  fundRoute(
    '/mdf/funds/:id/close',
    'Close the fund: only approved claims may still be paid',
    S.FundParams,
    S.CloseFundBody,
    false,
    mdf.close,
  );
};
