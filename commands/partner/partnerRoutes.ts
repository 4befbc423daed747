import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import type { Caller } from '../../domain/access/index.js';
import { commandRoute, type CommandKit } from '../../http/commandRoute.js';
import type { CommandContext, CommandOutcome } from '../pipeline/index.js';
import type { PartnerCommands } from './partnerCommands.js';
import * as S from './partnerSchemas.js';

/** The partner commands over HTTP: `POST /partners` and `POST /partners/:id/<action>`. */
export const partnerCommandRoutes = (app: FastifyInstance, kit: CommandKit, partners: PartnerCommands) => {
  commandRoute(
    app,
    kit,
    {
      method: 'POST',
      url: '/partners',
      summary: 'Apply: a new partner enters the channel',
      tags: ['partners'],
      body: S.ApplyPartnerBody,
      created: true,
    },
    ({ body, principal, ctx }) => partners.apply(ctx, principal, body),
  );

  const partnerRoute = <B extends z.ZodType<object>>(
    action: string,
    summary: string,
    body: B,
    run: (ctx: CommandContext, principal: Caller, input: { partnerId: string } & z.infer<B>) => CommandOutcome,
  ) =>
    commandRoute(
      app,
      kit,
      { method: 'POST', url: `/partners/:id/${action}`, summary, tags: ['partners'], params: S.PartnerParams, body },
      ({ params, body: input, principal, ctx }) => run(ctx, principal, { ...input, partnerId: params.id }),
    );

  partnerRoute('approve', 'Approve an applicant at a tier', S.ApprovePartnerBody, partners.approve);
  partnerRoute('reject', 'Reject an applicant', S.ReasonBody, partners.reject);
  partnerRoute(
    'agreements',
    'Sign the partner agreement (activates an approved partner)',
    S.SignAgreementBody,
    partners.signAgreement,
  );
  partnerRoute('tier', 'Change the tier', S.ChangeTierBody, partners.changeTier);
  partnerRoute('region', 'Move the partner to another region', S.ChangeRegionBody, partners.changeRegion);
  partnerRoute(
    'channel-manager',
    'Assign the channel manager',
    S.AssignChannelManagerBody,
    partners.assignChannelManager,
  );
  partnerRoute('quotas', 'Set the revenue quota for a period', S.SetQuotaBody, partners.setQuota);
  partnerRoute('suspend', 'Suspend an active partner', S.ReasonBody, partners.suspend);
  partnerRoute('reinstate', 'Reinstate a suspended partner', S.EmptyBody, partners.reinstate);
  partnerRoute('terminate', 'Terminate the partnership', S.ReasonBody, partners.terminate);
};
