import * as E from 'fp-ts/lib/Either.js';
import {
  externalRefReservationDecider,
  externalRefReservationStream,
  externalRefsDecider,
  externalRefsStream,
  type OwnerKind,
} from '../../domain/externalRef/index.js';
import { domainError, type DomainError } from '../../domain/shared/index.js';
import type { UnitOfWork } from '../pipeline/index.js';

/**
 * Links `system: externalId` to an owner within a command's unit of work: the owner's references
 * stream and the id's reservation stream are appended together (and, when the owner had another id in
 * that system, its reservation is released in the same append). Two owners taking one id at once:
 * one append wins, the other retries and finds it held (`duplicate`).
 */
export const linkExternalRef = async (
  uow: UnitOfWork,
  ref: { ownerKind: OwnerKind; ownerId: string; system: string; externalId: string },
): Promise<E.Either<DomainError, void>> => {
  const decided = await uow.decide(externalRefsDecider, externalRefsStream(ref.ownerKind, ref.ownerId), {
    type: 'LinkExternalRef',
    data: ref,
  });
  if (E.isLeft(decided)) return decided;
  for (const event of decided.right.events) {
    const stream = externalRefReservationStream(ref.ownerKind, event.data.system, event.data.externalId);
    const type = event.type === 'ExternalRefLinked' ? 'ReserveExternalRef' : 'ReleaseExternalRef';
    const reserved = await uow.decide(externalRefReservationDecider, stream, { type, data: event.data });
    if (E.isLeft(reserved)) return reserved;
  }
  return E.right(undefined);
};

/** Unlinks the owner's id in `system` and releases its reservation; `not_found` when none is linked. */
export const unlinkExternalRef = async (
  uow: UnitOfWork,
  ref: { ownerKind: OwnerKind; ownerId: string; system: string },
): Promise<E.Either<DomainError, void>> => {
  const decided = await uow.decide(externalRefsDecider, externalRefsStream(ref.ownerKind, ref.ownerId), {
    type: 'UnlinkExternalRef',
    data: ref,
  });
  if (E.isLeft(decided)) return decided;
  for (const event of decided.right.events) {
    const stream = externalRefReservationStream(ref.ownerKind, event.data.system, event.data.externalId);
    const released = await uow.decide(externalRefReservationDecider, stream, {
      type: 'ReleaseExternalRef',
      data: event.data,
    });
    if (E.isLeft(released)) return released;
  }
  return E.right(undefined);
};

/**
 * The owner that holds any of these ids already, if any (one at most: ids held by two different owners
 * are a `duplicate`). Registrations use it to answer a retried registration with the deal it made.
 */
export const holderOf = async (
  uow: UnitOfWork,
  kind: OwnerKind,
  refs: Readonly<Record<string, string>>,
): Promise<E.Either<DomainError, string | undefined>> => {
  const holders = new Set<string>();
  for (const [system, externalId] of Object.entries(refs)) {
    const { state } = await uow.load(
      externalRefReservationDecider,
      externalRefReservationStream(kind, system, externalId),
    );
    if (state.heldBy) holders.add(state.heldBy);
  }
  if (holders.size > 1)
    return E.left(
      domainError('duplicate', `these external ids are linked to ${holders.size} different ${kind}s`, {
        errors: [{ path: 'externalRefs', message: `linked to different ${kind}s` }],
      }),
    );
  return E.right([...holders][0]);
};
