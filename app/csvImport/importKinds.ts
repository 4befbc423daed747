import * as E from 'fp-ts/lib/Either.js';
import { z } from 'zod';
import type { CommandLayer, CommandResult } from '../../commands/index.js';
import { ExternalRefsInput } from '../../commands/externalRef/externalRefSchemas.js';
import { ApplyPartnerBody } from '../../commands/partner/partnerSchemas.js';
import { JoinBody, RegisterPersonBody } from '../../commands/person/personSchemas.js';
import type { CommandContext } from '../../commands/pipeline/index.js';
import type { Caller } from '../../domain/access/index.js';
import {
  externalRefReservationDecider,
  externalRefReservationStream,
  type OwnerKind,
} from '../../domain/externalRef/index.js';
import { domainError, PartnerId, PersonId, type DomainError } from '../../domain/shared/index.js';
import type { EventStore } from '../../eventstore/port.js';

type Outcome = E.Either<DomainError, CommandResult>;
/** Runs one parsed row (the schema's output) as its command(s); `ctx(step)` gives each step its idempotent context. */
type Run = (ctx: (step: string) => CommandContext, row: unknown) => Promise<Outcome>;

/** What one kind of import needs: the row's schema (headers named as the command's body) and its command(s). */
export interface ImportKind {
  readonly schema: z.ZodType;
  /** Documented headers, for the README and the "unknown column" message. */
  readonly columns: readonly string[];
  readonly run: Run;
}

/** A partner or person id, or `<system>:<id>` of one (resolved through its external reference). */
const IdOrRef = (id: z.ZodType<string>) =>
  z.union([id, z.string().regex(/^[a-z][a-z0-9_-]{0,39}:[\x21-\x7e]{1,200}$/)], {
    error: 'must be an id or <system>:<id> of an external reference',
  });

/** Who holds `<system>:<id>` of a kind, read from its reservation stream in the log. */
const resolveRef = async (store: EventStore, kind: OwnerKind, value: string): Promise<string | undefined> => {
  const at = value.indexOf(':');
  if (/^(ptr|per)_/.test(value)) return value;
  let state = externalRefReservationDecider.initialState;
  for await (const e of store.readStream(externalRefReservationStream(kind, value.slice(0, at), value.slice(at + 1))))
    state = externalRefReservationDecider.evolve(state, e as never);
  return state.heldBy;
};

/** Links each `externalRefs.<system>` column of a new partner or person, each link its own idempotent command. */
const linkRefs = async (
  link: (
    ctx: CommandContext,
    p: Caller,
    input: { ownerId: string; system: string; externalId: string },
  ) => Promise<Outcome>,
  ctx: (suffix: string) => CommandContext,
  principal: Caller,
  created: Outcome,
  refs: Record<string, string> | undefined,
): Promise<Outcome> => {
  if (E.isLeft(created) || !refs) return created;
  for (const [system, externalId] of Object.entries(refs)) {
    const linked = await link(ctx(`ref/${system}`), principal, { ownerId: created.right.id, system, externalId });
    if (E.isLeft(linked)) return linked;
  }
  return created;
};

export const importKinds = (commands: CommandLayer, store: EventStore, principal: Caller) => {
  const partners: ImportKind = {
    schema: ApplyPartnerBody.extend({ externalRefs: ExternalRefsInput.optional() }),
    columns: ['name', 'website', 'country', 'region', 'type', 'parentPartnerId', 'externalRefs.<system>'],
    run: async (ctx, row) => {
      const { externalRefs, ...body } = row as z.infer<typeof ApplyPartnerBody> & {
        externalRefs?: Record<string, string>;
      };
      const created = await commands.partner.apply(ctx('apply'), principal, body);
      return linkRefs(commands.externalRef.linkPartner, ctx, principal, created, externalRefs);
    },
  };
  const people: ImportKind = {
    schema: RegisterPersonBody.extend({ externalRefs: ExternalRefsInput.optional() }),
    columns: ['name', 'email', 'externalRefs.<system>'],
    run: async (ctx, row) => {
      const { externalRefs, ...body } = row as z.infer<typeof RegisterPersonBody> & {
        externalRefs?: Record<string, string>;
      };
      const created = await commands.person.register(ctx('register'), principal, body);
      return linkRefs(commands.externalRef.linkPerson, ctx, principal, created, externalRefs);
    },
  };
  const employees: ImportKind = {
    schema: JoinBody.extend({ partnerId: IdOrRef(PartnerId), personId: IdOrRef(PersonId) }),
    columns: ['partnerId', 'personId', 'role'],
    run: async (ctx, input) => {
      const row = input as { partnerId: string; personId: string; role: z.infer<typeof JoinBody>['role'] };
      const partnerId = await resolveRef(store, 'partner', row.partnerId);
      if (!partnerId) return unknownRef('partnerId', row.partnerId);
      const personId = await resolveRef(store, 'person', row.personId);
      if (!personId) return unknownRef('personId', row.personId);
      return commands.person.join(ctx('join'), principal, { partnerId, personId, role: row.role });
    },
  };
  return { partners, people, employees };
};

const unknownRef = (path: string, value: string): Outcome =>
  E.left(
    domainError('not_found', `no ${path === 'partnerId' ? 'partner' : 'person'} is linked to ${value}`, {
      errors: [{ path, message: 'no such external reference' }],
    }),
  );

export type ImportKindName = keyof ReturnType<typeof importKinds>;
