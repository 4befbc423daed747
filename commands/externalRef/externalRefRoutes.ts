import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import type { Caller } from '../../domain/access/index.js';
import { commandRoute, type CommandKit } from '../../http/commandRoute.js';
import type { CommandContext, CommandOutcome } from '../pipeline/index.js';
import type { ExternalRefCommands, RefInput } from './externalRefCommands.js';
import * as S from './externalRefSchemas.js';

type Link = (ctx: CommandContext, p: Caller, input: RefInput & { externalId: string }) => CommandOutcome;
type Unlink = (ctx: CommandContext, p: Caller, input: RefInput) => CommandOutcome;

/**
 * `PUT /<things>/:id/external-refs/:system {id}` links (or re-links) the thing's id in that system;
 * `POST …/external-refs/:system/unlink` removes it: a command verb like every other undo of the API
 * (revoke, leave, retire), with the same Idempotency-Key and problem+json behaviour as every command.
 */
export const externalRefCommandRoutes = (app: FastifyInstance, kit: CommandKit, refs: ExternalRefCommands) => {
  const pair = (
    things: string,
    what: string,
    params: z.ZodType<{ id: string; system: string }>,
    link: Link,
    unlink: Unlink,
  ) => {
    commandRoute(
      app,
      kit,
      {
        method: 'PUT',
        url: `/${things}/:id/external-refs/:system`,
        summary: `Link the ${what}'s id in an external system (unique per system)`,
        tags: ['external-refs'],
        params,
        body: S.LinkBody,
      },
      ({ params: p, body, principal, ctx }) =>
        link(ctx, principal, { ownerId: p.id, system: p.system, externalId: body.id }),
    );
    commandRoute(
      app,
      kit,
      {
        method: 'POST',
        url: `/${things}/:id/external-refs/:system/unlink`,
        summary: `Unlink the ${what}'s id in an external system`,
        tags: ['external-refs'],
        params,
        body: S.UnlinkBody,
      },
      ({ params: p, principal, ctx }) => unlink(ctx, principal, { ownerId: p.id, system: p.system }),
    );
  };
  pair('partners', 'partner', S.PartnerRefParams, refs.linkPartner, refs.unlinkPartner);
  pair('people', 'person', S.PersonRefParams, refs.linkPerson, refs.unlinkPerson);
  pair('deals', 'deal', S.DealRefParams, refs.linkDeal, refs.unlinkDeal);
};
