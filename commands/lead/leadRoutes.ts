import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import { commandRoute, type CommandKit } from '../../http/commandRoute.js';
import type { CommandOutcome } from '../pipeline/index.js';
import type { LeadCommands } from './leadCommands.js';
import * as S from './leadSchemas.js';

/** The vendor-sourced lead commands over HTTP (DESIGN §13). */
export const leadCommandRoutes = (app: FastifyInstance, kit: CommandKit, leads: LeadCommands) => {
  commandRoute(
    app,
    kit,
    {
      method: 'POST',
      url: '/leads',
      created: true,
      tags: ['leads'],
      body: S.RegisterLeadBody,
      summary: "Register a vendor-sourced lead (vendor admin; channel managers of the lead's region)",
    },
    ({ body, principal, ctx }) => leads.register(ctx, principal, body),
  );

  const leadRoute = <B extends z.ZodType>(
    action: string,
    summary: string,
    body: B,
    run: (input: RunInput<B>) => CommandOutcome,
    created = false,
  ) =>
    commandRoute(
      app,
      kit,
      { method: 'POST', url: `/leads/:id/${action}`, summary, tags: ['leads'], params: S.LeadParams, body, created },
      ({ params, body: input, principal, ctx }) => run({ ctx, principal, leadId: params.id, body: input }),
    );
  type RunInput<B extends z.ZodType> = {
    ctx: Parameters<LeadCommands['accept']>[0];
    principal: Parameters<LeadCommands['accept']>[1];
    leadId: string;
    body: z.infer<B>;
  };

  leadRoute(
    'assign',
    'Assign the lead to a partner by hand (an assigned lead moves; the old holder is released)',
    S.AssignLeadBody,
    (i) => leads.assign(i.ctx, i.principal, { leadId: i.leadId, partnerId: i.body.partnerId }),
  );
  leadRoute(
    'route',
    'Route the lead by the channel rule: an active partner of its region ready to sell its product line, ' +
      'lowest open-lead load, then best conversion rate (409 no_eligible_partner when there is none)',
    S.EmptyBody,
    (i) => leads.route(i.ctx, i.principal, { leadId: i.leadId }),
  );
  leadRoute(
    'accept',
    "Accept the lead (the holder's admins and managers, before its acceptance deadline)",
    S.EmptyBody,
    (i) => leads.accept(i.ctx, i.principal, { leadId: i.leadId }),
  );
  leadRoute('decline', 'Decline the lead with a reason; the partner is never offered it again', S.LeadReasonBody, (i) =>
    leads.decline(i.ctx, i.principal, { leadId: i.leadId, reason: i.body.reason }),
  );
  leadRoute(
    'convert',
    'Convert an accepted lead into a deal registration (same rules and conflicts as POST /deals); answers the deal',
    S.ConvertLeadBody,
    (i) => leads.convert(i.ctx, i.principal, { leadId: i.leadId, ...i.body }),
    true,
  );
  leadRoute('disqualify', 'Close the lead as disqualified, with a reason', S.LeadReasonBody, (i) =>
    leads.disqualify(i.ctx, i.principal, { leadId: i.leadId, reason: i.body.reason }),
  );
};
