import * as E from 'fp-ts/lib/Either.js';
import { domainError, type Decider } from '../shared/index.js';
import * as ev from './events.js';
import type { ExternalRef, ExternalRefEvent, ExternalRefReservationEvent } from './events.js';

/** One owner's references: system -> id. */
export interface ExternalRefsState {
  readonly refs: Readonly<Record<string, string>>;
}

export type ExternalRefsCommand =
  | { type: 'LinkExternalRef'; data: ExternalRef }
  | { type: 'UnlinkExternalRef'; data: Omit<ExternalRef, 'externalId'> };

/**
 * An owner's references (partner, person or deal), on a stream of their own: linking a CRM id is
 * integration bookkeeping, so it never moves the owner's version (an `If-Match` on the partner stays
 * valid while a CRM sync links ids). Linking the id already linked changes nothing; linking another id
 * for the same system replaces it (unlinked, then linked).
 */
export const externalRefsDecider: Decider<ExternalRefsCommand, ExternalRefEvent, ExternalRefsState> = {
  initialState: { refs: {} },
  evolve: (state, event) => {
    const { [event.data.system]: _previous, ...others } = state.refs;
    return {
      refs: event.type === 'ExternalRefLinked' ? { ...others, [event.data.system]: event.data.externalId } : others,
    };
  },
  decide: (command, state) => {
    const current = state.refs[command.data.system];
    if (command.type === 'LinkExternalRef') {
      if (current === command.data.externalId) return E.right([]);
      const linked = ev.ExternalRefLinked.create(command.data);
      return E.right(
        current === undefined
          ? [linked]
          : [ev.ExternalRefUnlinked.create({ ...command.data, externalId: current }), linked],
      );
    }
    if (current === undefined) return E.left(domainError('not_found', `no ${command.data.system} reference is linked`));
    return E.right([ev.ExternalRefUnlinked.create({ ...command.data, externalId: current })]);
  },
};

export type ReservationCommand =
  | { type: 'ReserveExternalRef'; data: ExternalRef }
  | { type: 'ReleaseExternalRef'; data: ExternalRef };

/**
 * One stream per (kind, system, id), appended with the version read: two owners linking the same id at
 * once cannot both succeed. Holding it already is no change; releasing what another holds is none either.
 */
export const externalRefReservationDecider: Decider<
  ReservationCommand,
  ExternalRefReservationEvent,
  { readonly heldBy?: string }
> = {
  initialState: {},
  evolve: (_state, event) => (event.type === 'ExternalRefReserved' ? { heldBy: event.data.ownerId } : {}),
  decide: (command, state) => {
    const { ownerId, system, ownerKind } = command.data;
    if (command.type === 'ReleaseExternalRef')
      return E.right(state.heldBy === ownerId ? [ev.ExternalRefReleased.create(command.data)] : []);
    if (state.heldBy === ownerId) return E.right([]);
    if (state.heldBy !== undefined)
      return E.left(
        domainError('duplicate', `this ${system} id is already linked to another ${ownerKind}`, {
          errors: [{ path: 'id', message: `already linked to another ${ownerKind}` }],
        }),
      );
    return E.right([ev.ExternalRefReserved.create(command.data)]);
  },
};
