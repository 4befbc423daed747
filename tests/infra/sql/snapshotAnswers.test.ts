/**
 * What a snapshot reader keeps of its answers: one per statement and parameters while the database's
 * version holds, none across versions, none for statements whose answer depends on the moment.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { snapshotAnswers } from '../../../infra/sql/snapshotAnswers.js';

const test = suite('snapshotAnswers');

/** A question answered by counting how often it was really asked. */
const asking = () => {
  let asked = 0;
  return { run: () => [{ n: ++asked }], asked: () => asked };
};

test('the same statement and parameters in one version are asked once', () => {
  const answers = snapshotAnswers();
  const q = asking();
  answers.at(1);
  const first = answers.answer('SELECT n FROM t WHERE id = ?', ['a'], q.run);
  assert.is(answers.answer('SELECT n FROM t WHERE id = ?', ['a'], q.run), first);
  answers.answer('SELECT n FROM t WHERE id = ?', ['b'], q.run);
  answers.answer('SELECT n FROM t WHERE id = ?', [1], q.run);
  answers.answer('SELECT n FROM t WHERE id = ?', ['1'], q.run);
  assert.is(q.asked(), 4, "'a', 'b', 1 and '1' are four questions");
});

test('another version forgets every answer; the same version again keeps them', () => {
  const answers = snapshotAnswers();
  const q = asking();
  answers.at(1);
  answers.answer('SELECT 1', [], q.run);
  answers.at(1);
  answers.answer('SELECT 1', [], q.run);
  answers.at(2);
  answers.answer('SELECT 1', [], q.run);
  assert.is(q.asked(), 2);
});

test('no answer is kept for a statement that depends on the moment or for parameters without a plain key', () => {
  const answers = snapshotAnswers();
  const q = asking();
  answers.at(1);
  for (let i = 0; i < 2; i++) {
    answers.answer('SELECT * FROM t ORDER BY random()', [], q.run);
    answers.answer("SELECT datetime('now')", [], q.run);
    answers.answer('SELECT CURRENT_TIMESTAMP', [], q.run);
    answers.answer('SELECT n FROM t WHERE at > ?', [new Date(0)], q.run);
  }
  assert.is(q.asked(), 8);
});

test('an answer of no row is kept too, and kept answers are frozen', () => {
  const answers = snapshotAnswers();
  let asked = 0;
  answers.at(1);
  const none = () => {
    asked++;
    return undefined;
  };
  answers.answer('SELECT * FROM t WHERE id = ?', ['x'], none);
  answers.answer('SELECT * FROM t WHERE id = ?', ['x'], none);
  assert.is(asked, 1);
  const rows = answers.answer('SELECT n FROM t', [], () => [{ n: 1 }]);
  assert.throws(() => {
    (rows as { n: number }[])[0].n = 2;
  });
  assert.throws(() => (rows as { n: number }[]).push({ n: 3 }));
});

test('at most the limit of rows is kept: the oldest answers go first, and none larger than a quarter of it', () => {
  const answers = snapshotAnswers(8);
  const q = asking();
  answers.at(1);
  for (let i = 0; i < 9; i++) answers.answer('SELECT n FROM t WHERE id = ?', [i], q.run);
  assert.is(q.asked(), 9);
  answers.answer('SELECT n FROM t WHERE id = ?', [8], q.run);
  answers.answer('SELECT n FROM t WHERE id = ?', [1], q.run);
  assert.is(q.asked(), 9, 'the newest are still kept');
  answers.answer('SELECT n FROM t WHERE id = ?', [0], q.run);
  assert.is(q.asked(), 10, 'the oldest was dropped');
  let big = 0;
  const three = () => {
    big++;
    return [{ n: 1 }, { n: 2 }, { n: 3 }];
  };
  answers.answer('SELECT n FROM t', [], three);
  answers.answer('SELECT n FROM t', [], three);
  assert.is(big, 2, 'three rows are more than a quarter of eight');
});

test.run();
