/** External references and their reservations, given / when / then; uniqueness as a property. */
import fc from 'fast-check';
import { isRight } from 'fp-ts/lib/Either.js';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import {
  ExternalRefLinked,
  ExternalRefReleased,
  ExternalRefReserved,
  ExternalRefUnlinked,
  externalRefReservationDecider,
  externalRefsDecider,
} from '../../../domain/externalRef/index.js';
import { replay } from '../../../domain/shared/index.js';
import { spec } from '../../support/deciderSpec.js';

const ref = { ownerKind: 'partner' as const, ownerId: 'ptr_acme0001', system: 'salesforce', externalId: '001A' };
const refs = spec(externalRefsDecider);
const reservation = spec(externalRefReservationDecider);
const test = suite('external reference deciders');

test('link, the same id again (nothing), another id (replaced), unlink', () => {
  refs
    .given([])
    .when({ type: 'LinkExternalRef', data: ref })
    .thenEmits([ExternalRefLinked.create(ref)]);
  refs
    .given([ExternalRefLinked.create(ref)])
    .when({ type: 'LinkExternalRef', data: ref })
    .thenEmits([]);
  const state = refs
    .given([ExternalRefLinked.create(ref)])
    .when({ type: 'LinkExternalRef', data: { ...ref, externalId: '002B' } })
    .thenEmits([ExternalRefUnlinked.create(ref), ExternalRefLinked.create({ ...ref, externalId: '002B' })]);
  assert.equal(state.refs, { salesforce: '002B' });
  const { externalId: _, ...unlink } = ref;
  refs
    .given([ExternalRefLinked.create(ref)])
    .when({ type: 'UnlinkExternalRef', data: unlink })
    .thenEmits([ExternalRefUnlinked.create(ref)]);
  refs.given([]).when({ type: 'UnlinkExternalRef', data: unlink }).thenFails('not_found');
});

test('a reservation is held by one owner: the holder again is no change, another owner is a duplicate', () => {
  reservation
    .given([])
    .when({ type: 'ReserveExternalRef', data: ref })
    .thenEmits([ExternalRefReserved.create(ref)]);
  reservation
    .given([ExternalRefReserved.create(ref)])
    .when({ type: 'ReserveExternalRef', data: ref })
    .thenEmits([]);
  reservation
    .given([ExternalRefReserved.create(ref)])
    .when({ type: 'ReserveExternalRef', data: { ...ref, ownerId: 'ptr_other0001' } })
    .thenFails('duplicate');
  reservation
    .given([ExternalRefReserved.create(ref)])
    .when({ type: 'ReleaseExternalRef', data: ref })
    .thenEmits([ExternalRefReleased.create(ref)]);
  reservation
    .given([ExternalRefReserved.create(ref)])
    .when({ type: 'ReleaseExternalRef', data: { ...ref, ownerId: 'ptr_other0001' } })
    .thenEmits([]);
  reservation
    .given([ExternalRefReserved.create(ref), ExternalRefReleased.create(ref)])
    .when({ type: 'ReserveExternalRef', data: { ...ref, ownerId: 'ptr_other0001' } })
    .thenEmits([ExternalRefReserved.create({ ...ref, ownerId: 'ptr_other0001' })]);
});

test('property: whatever owners try in whatever order, at most one holds the id at any time', () => {
  const owners = ['ptr_a0000001', 'ptr_b0000001', 'ptr_c0000001'];
  fc.assert(
    fc.property(
      fc.array(fc.record({ owner: fc.constantFrom(...owners), reserve: fc.boolean() }), { maxLength: 40 }),
      (steps) => {
        const history = [];
        for (const step of steps) {
          const state = replay(externalRefReservationDecider, history);
          const data = { ...ref, ownerId: step.owner };
          const decided = externalRefReservationDecider.decide(
            { type: step.reserve ? 'ReserveExternalRef' : 'ReleaseExternalRef', data },
            state,
            new Date(),
          );
          if (isRight(decided)) history.push(...decided.right);
          const holder = replay(externalRefReservationDecider, history).heldBy;
          // Held means reserved by that owner with no release of theirs after it.
          const last = [...history].reverse().find((e) => e.type === 'ExternalRefReserved');
          assert.is(
            holder,
            history[history.length - 1]?.type === 'ExternalRefReleased' ? undefined : last?.data.ownerId,
          );
        }
      },
    ),
  );
});

test.run();
