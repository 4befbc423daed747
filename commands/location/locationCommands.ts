import * as E from 'fp-ts/lib/Either.js';
import type { z } from 'zod';
import {
  isPartnerAdminOf,
  managesPartner,
  personIdOf,
  type Caller,
  type PartnerScope,
} from '../../domain/access/index.js';
import { locationsDecider, locationsStream, type LocationCommand } from '../../domain/location/index.js';
import { partnerDecider, partnerStream } from '../../domain/partner/index.js';
import { personDecider, personStream } from '../../domain/person/index.js';
import type { DomainError, IdGenerator } from '../../domain/shared/index.js';
import { authorizePartner } from '../auth/authorizePartner.js';
import type { CommandContext, CommandOutcome, CommandPipeline, UnitOfWork } from '../pipeline/index.js';
import type { CloseLocationBody, OpenLocationBody } from './locationSchemas.js';

type Rule = (p: Caller, scope: PartnerScope) => boolean;
const managesOrOwnAdmin: Rule = (p, s) => managesPartner(p, s) || isPartnerAdminOf(p, s.partnerId);

/**
 * A partner's locations (DESIGN §13), one stream per partner. The partner's admins and its channel
 * staff open and close them; an employee names their own location (so may the admins and staff).
 */
export const locationCommands = (deps: { pipeline: CommandPipeline; ids: IdGenerator }) => {
  const { pipeline, ids } = deps;

  const onLocations = (
    ctx: CommandContext,
    principal: Caller,
    partnerId: string,
    rule: Rule,
    action: string,
    command: (uow: UnitOfWork, status: string) => Promise<E.Either<DomainError, LocationCommand>>,
    id: (cmd: LocationCommand) => string,
  ): CommandOutcome =>
    pipeline.execute(ctx, async (uow) => {
      const { state: partner } = await uow.load(partnerDecider, partnerStream(partnerId));
      const allowed = authorizePartner(principal, partnerId, partner, rule, action);
      if (E.isLeft(allowed)) return allowed;
      const made = await command(uow, partner.status);
      if (E.isLeft(made)) return made;
      const decided = await uow.decide(locationsDecider, locationsStream(partnerId), made.right);
      return E.map(() => ({ id: id(made.right), streamId: locationsStream(partnerId) }))(decided);
    });

  const open = (ctx: CommandContext, p: Caller, input: { partnerId: string } & z.infer<typeof OpenLocationBody>) => {
    const { partnerId, primary, ...body } = input;
    const locationId = ids.next('location');
    return onLocations(
      ctx,
      p,
      partnerId,
      managesOrOwnAdmin,
      'open locations of',
      async (_uow, status) =>
        E.right({
          type: 'OpenLocation',
          data: { locationId, ...body, primary: primary ?? false, partnerStatus: status },
        }),
      () => locationId,
    );
  };

  const close = (
    ctx: CommandContext,
    p: Caller,
    input: { partnerId: string; locationId: string } & z.infer<typeof CloseLocationBody>,
  ) => {
    const { partnerId, ...data } = input;
    return onLocations(
      ctx,
      p,
      partnerId,
      managesOrOwnAdmin,
      'close locations of',
      async () => E.right({ type: 'CloseLocation', data }),
      () => data.locationId,
    );
  };

  /** The person themselves, the partner's admins and its channel staff. */
  const nameEmployeeLocation = (
    ctx: CommandContext,
    p: Caller,
    input: { partnerId: string; personId: string; locationId: string },
  ) =>
    onLocations(
      ctx,
      p,
      input.partnerId,
      (caller, scope) => managesOrOwnAdmin(caller, scope) || personIdOf(caller) === input.personId,
      'name the locations of people at',
      async (uow) => {
        const { state: person } = await uow.load(personDecider, personStream(input.personId));
        return E.right({
          type: 'NameEmployeeLocation',
          data: {
            personId: input.personId,
            locationId: input.locationId,
            employed: person.employment?.partnerId === input.partnerId,
          },
        });
      },
      () => input.personId,
    );

  return { open, close, nameEmployeeLocation };
};
export type LocationCommands = ReturnType<typeof locationCommands>;
