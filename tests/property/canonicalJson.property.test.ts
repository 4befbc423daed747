/**
 * canonicalJson feeds the hash chain: a faster implementation must give byte-identical output, or
 * every stored chain would fail verification. Checked against the original, straightforward one.
 */
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { canonicalJson, eventHash, GENESIS_HASH } from '../../eventstore/hashChain.js';

/** The first implementation, kept as the definition of the format. */
const reference = (value: unknown): string => {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(reference).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${reference(v)}`).join(',')}}`;
};

const test = suite('canonicalJson');

test('equals the reference for any JSON value', () => {
  fc.assert(
    fc.property(fc.jsonValue(), (v) => canonicalJson(v) === reference(v)),
    { numRuns: 2000 },
  );
});

test('equals the reference for values with undefined members, unicode keys, NaN and -0', () => {
  const value = fc.letrec((tie) => ({
    leaf: fc.oneof(
      fc.constant(undefined),
      fc.constant(null),
      fc.double(),
      fc.integer(),
      fc.boolean(),
      fc.string({ unit: 'binary' }),
    ),
    node: fc.oneof(
      { depthSize: 'small' },
      tie('leaf'),
      fc.array(tie('node'), { maxLength: 5 }),
      fc.dictionary(fc.string({ unit: 'binary', maxLength: 6 }), tie('node'), { maxKeys: 6 }),
    ),
  })).node;
  fc.assert(
    fc.property(value, (v) => canonicalJson(v) === reference(v)),
    { numRuns: 2000 },
  );
});

test('sorts keys by code unit and drops undefined members', () => {
  assert.is(
    canonicalJson({ b: 1, a: [undefined, { d: undefined, c: 'x' }], B: null, é: 2 }),
    '{"B":null,"a":[null,{"c":"x"}],"b":1,"é":2}',
  );
});

/** The hash as first defined: sha-256 of the previous hash and the reference JSON of the nine envelope fields. */
const referenceHash = (previous: string, e: Parameters<typeof eventHash>[1]) =>
  createHash('sha256')
    .update(previous)
    .update(
      reference({
        position: e.position,
        streamId: e.streamId,
        version: e.version,
        eventId: e.eventId,
        type: e.type,
        schemaVersion: e.schemaVersion,
        data: e.data,
        metadata: e.metadata,
        recordedAt: e.recordedAt,
      }),
    )
    .digest('hex');

test('an event hash is the reference hash', () => {
  const event = {
    position: 7,
    streamId: 'partner-ptr_abcdef',
    version: 2,
    eventId: 'evt_1',
    type: 'PartnerApproved',
    schemaVersion: 1,
    data: { tier: 'gold', note: undefined },
    metadata: { actor: { kind: 'admin-key' as const, id: 'admin' }, commandId: 'cmd_1', correlationId: 'cmd_1' },
    recordedAt: '2026-06-01T09:00:00.000Z',
  };
  assert.is(eventHash(GENESIS_HASH, event), referenceHash(GENESIS_HASH, event));
  fc.assert(
    fc.property(
      fc.record({
        position: fc.nat(),
        streamId: fc.string(),
        version: fc.nat(),
        eventId: fc.string(),
        type: fc.string(),
        schemaVersion: fc.nat(),
        data: fc.jsonValue(),
        metadata: fc.jsonValue(),
        recordedAt: fc.string(),
      }),
      fc.string(),
      (e, previous) => eventHash(previous, e as never) === referenceHash(previous, e as never),
    ),
    { numRuns: 1000 },
  );
});

test.run();
