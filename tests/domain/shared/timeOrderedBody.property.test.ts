import fc from 'fast-check';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { ID_ALPHABET, timeOrderedBody } from '../../../domain/shared/ids.js';

const test = suite('timeOrderedBody: ids sort by the instant they were minted');

// From 1970 to the year 8000: far past any clock this runs on, within the 8 digits' range.
const instant = fc.integer({ min: 0, max: 190_000_000_000_000 });
const tail = fc.string({ unit: fc.constantFrom(...ID_ALPHABET), minLength: 8, maxLength: 8 });

test('an earlier instant gives a body that sorts first, byte by byte, whatever the tails', () => {
  fc.assert(
    fc.property(instant, instant, tail, tail, (a, b, ta, tb) => {
      fc.pre(a !== b);
      const [x, y] = [timeOrderedBody(a, ta), timeOrderedBody(b, tb)];
      assert.is(x < y, a < b);
      assert.is(Buffer.compare(Buffer.from(x), Buffer.from(y)) < 0, a < b);
    }),
  );
});

test('the time is 8 base-62 digits of milliseconds, then the tail as given', () => {
  fc.assert(
    fc.property(instant, tail, (ms, t) => {
      const body = timeOrderedBody(ms, t);
      assert.is(body.length, 16);
      assert.is(body.slice(8), t);
      const decoded = [...body.slice(0, 8)].reduce((n, digit) => n * 62 + ID_ALPHABET.indexOf(digit), 0);
      assert.is(decoded, ms);
    }),
  );
  assert.is(timeOrderedBody(0, 'abcdefgh'), '00000000abcdefgh');
  assert.is(timeOrderedBody(61, ''), '0000000z');
  assert.is(timeOrderedBody(62, ''), '00000010');
});

test('the digits are in ascending byte order, so text order is numeric order', () => {
  assert.equal([...ID_ALPHABET].sort(), [...ID_ALPHABET]);
  assert.is(ID_ALPHABET.length, 62);
});

test.run();
