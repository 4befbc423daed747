import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { knownVersions } from '../../../eventstore/sqlite/knownVersions.js';

/** Stream versions the log's own appends left, trusted only while the head is where they left it. */
const test = suite('known stream versions');

const head = (position: number) => ({ position, hash: `h${position}` });

/** A log whose probes are counted: `versions` is what the database holds. */
const given = (versions: Record<string, number>) => {
  const probed: string[] = [];
  const known = knownVersions((streamId) => {
    probed.push(streamId);
    return versions[streamId] ?? 0;
  });
  return { known, probed, versions };
};

test('a committed append is known at the head it left; the next transaction probes nothing', () => {
  const { known, probed } = given({ a: 2 });
  known.begin(head(10));
  assert.is(known.versionOf('a'), 2);
  known.wrote('a', 3);
  known.committed(head(11));
  known.begin(head(11));
  assert.is(known.versionOf('a'), 3);
  assert.is(known.known('a'), 3);
  assert.equal(probed, ['a']);
});

test('another writer moved the head: everything is forgotten and probed again', () => {
  const { known, probed, versions } = given({ a: 2 });
  known.begin(head(10));
  known.wrote('a', 3);
  known.committed(head(11));
  versions.a = 5;
  known.begin(head(13));
  assert.is(known.known('a'), undefined);
  assert.is(known.versionOf('a'), 5);
  assert.equal(probed, ['a']);
});

test('the same position with another hash is another log', () => {
  const { known } = given({});
  known.begin(head(10));
  known.wrote('a', 1);
  known.committed(head(11));
  known.begin({ position: 11, hash: 'other' });
  assert.is(known.known('a'), undefined);
});

test('a rolled-back transaction teaches nothing, what was known before stands', () => {
  const { known, probed } = given({ a: 1, b: 4 });
  known.begin(head(10));
  known.versionOf('a');
  known.committed(head(10));
  known.begin(head(10));
  known.wrote('a', 2);
  assert.is(known.versionOf('b'), 4);
  known.rolledBack();
  known.begin(head(10));
  assert.is(known.versionOf('a'), 1);
  assert.is(known.known('b'), undefined);
  assert.equal(probed, ['a', 'b']);
});
test.run();
