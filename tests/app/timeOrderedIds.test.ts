import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { ID_ALPHABET, idPrefixes, idSchema, type IdKind } from '../../domain/shared/ids.js';
import { timeOrderedIds } from '../../app/timeOrderedIds.js';

const test = suite('timeOrderedIds: the ids a server mints');

test('every kind gets its prefix and an id its schema accepts', () => {
  const ids = timeOrderedIds();
  for (const kind of Object.keys(idPrefixes) as IdKind[]) {
    const id = ids.next(kind);
    assert.ok(id.startsWith(`${idPrefixes[kind]}_`), id);
    assert.ok(idSchema(kind).safeParse(id).success, id);
    assert.match(id, /^[a-z]+_[0-9A-Za-z]{16}$/);
  }
});

test('ids minted in later milliseconds sort later', () => {
  let now = Date.UTC(2026, 11, 4);
  const ids = timeOrderedIds(() => now);
  const minted: string[] = [];
  for (let i = 0; i < 2_000; i++) {
    now += 1 + (i % 7) * 1_000;
    minted.push(ids.next('person'));
  }
  assert.equal([...minted].sort(), minted);
});

test('ids minted in the same millisecond all differ, and sort after the millisecond before', () => {
  const stuck = Date.UTC(2026, 11, 4, 12);
  let now = stuck - 1;
  const ids = timeOrderedIds(() => now);
  const before = ids.next('event');
  now = stuck;
  const same = Array.from({ length: 20_000 }, () => ids.next('event'));
  assert.is(new Set(same).size, same.length);
  for (const id of same) assert.ok(id > before, `${id} sorts after ${before}`);
});

test('the time digits are the wall clock by default', () => {
  const from = Date.now();
  const id = timeOrderedIds().next('partner');
  const to = Date.now();
  const ms = [...id.slice(4, 12)].reduce((n, d) => n * 62 + ID_ALPHABET.indexOf(d), 0);
  assert.ok(ms >= from && ms <= to, `${ms} within ${from}..${to}`);
});

test.run();
