/**
 * What a snapshot reader keeps of its answers: one per statement and parameters asked twice while the
 * database's version holds, none across versions, none for statements whose answer depends on the moment.
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

test('the same statement and parameters in one version are run twice, then answered from memory', () => {
  const answers = snapshotAnswers();
  const q = asking();
  answers.at(1);
  const ask = (id: unknown) => answers.answer('SELECT n FROM t WHERE id = ?', [id], false, q.run);
  ask('a');
  const second = ask('a');
  assert.is(ask('a'), second);
  assert.is(ask('a'), second);
  assert.is(q.asked(), 2, 'asked of the database the first and second time only');
  for (const id of ['b', 1, '1']) for (let i = 0; i < 3; i++) ask(id);
  assert.is(q.asked(), 8, "'b', 1 and '1' are three more questions, run twice each");
});

test('an answer asked once is not kept: a read never repeated costs no memory', () => {
  const answers = snapshotAnswers();
  const q = asking();
  answers.at(1);
  for (let i = 0; i < 5; i++) answers.answer('SELECT n FROM t WHERE id = ?', [i], false, q.run);
  for (let i = 0; i < 5; i++) answers.answer('SELECT n FROM t WHERE id = ?', [i], false, q.run);
  assert.is(q.asked(), 10, 'each asked once before, so run again and kept now');
  for (let i = 0; i < 5; i++) answers.answer('SELECT n FROM t WHERE id = ?', [i], false, q.run);
  assert.is(q.asked(), 10);
});

test('another version forgets every answer and what was asked; the same version again keeps them', () => {
  const answers = snapshotAnswers();
  const q = asking();
  answers.at(1);
  answers.answer('SELECT 1', [], false, q.run);
  answers.answer('SELECT 1', [], false, q.run);
  answers.at(1);
  answers.answer('SELECT 1', [], false, q.run);
  assert.is(q.asked(), 2, 'kept across a snapshot of the same version');
  answers.at(2);
  answers.answer('SELECT 1', [], false, q.run);
  assert.is(q.asked(), 3, 'a new version runs it again');
  answers.answer('SELECT 1', [], false, q.run);
  answers.answer('SELECT 1', [], false, q.run);
  assert.is(q.asked(), 4, 'and keeps it from its second time in that version');
});

test('no answer is kept for a statement that depends on the moment or for parameters without a plain key', () => {
  const answers = snapshotAnswers();
  const q = asking();
  answers.at(1);
  for (let i = 0; i < 2; i++) {
    answers.answer('SELECT * FROM t ORDER BY random()', [], false, q.run);
    answers.answer("SELECT datetime('now')", [], false, q.run);
    answers.answer('SELECT CURRENT_TIMESTAMP', [], false, q.run);
    answers.answer('SELECT n FROM t WHERE at > ?', [new Date(0)], false, q.run);
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
  for (let i = 0; i < 3; i++) answers.answer('SELECT * FROM t WHERE id = ?', ['x'], false, none);
  assert.is(asked, 2);
  answers.answer('SELECT n FROM t', [], true, () => [{ n: 1 }]);
  const rows = answers.answer('SELECT n FROM t', [], true, () => [{ n: 1 }]);
  assert.is(
    answers.answer('SELECT n FROM t', [], true, () => [{ n: 9 }]),
    rows,
  );
  assert.throws(() => {
    (rows as { n: number }[])[0].n = 2;
  });
  assert.throws(() => (rows as { n: number }[]).push({ n: 3 }));
});

test('the first row and all rows of one statement are separate answers', () => {
  const answers = snapshotAnswers();
  answers.at(1);
  const sql = 'SELECT n FROM t WHERE kind = ?';
  for (let i = 0; i < 2; i++) {
    answers.answer(sql, ['a'], false, () => ({ n: 1 }));
    answers.answer(sql, ['a'], true, () => [{ n: 1 }, { n: 2 }]);
  }
  assert.equal(
    answers.answer(sql, ['a'], false, () => ({ n: 9 })),
    { n: 1 },
  );
  assert.equal(
    answers.answer(sql, ['a'], true, () => []),
    [{ n: 1 }, { n: 2 }],
  );
});

test('at most the limit of rows is kept: the oldest answers go first, and none larger than a quarter of it', () => {
  const answers = snapshotAnswers(8);
  const q = asking();
  const ask = (id: number) => answers.answer('SELECT n FROM t WHERE id = ?', [id], false, q.run);
  answers.at(1);
  for (let i = 0; i < 9; i++) ask(i);
  for (let i = 0; i < 9; i++) ask(i);
  assert.is(q.asked(), 18, 'each run twice, kept the second time');
  ask(8);
  ask(1);
  assert.is(q.asked(), 18, 'the newest are still kept');
  ask(0);
  assert.is(q.asked(), 19, 'the oldest was dropped');
  let big = 0;
  const three = () => {
    big++;
    return [{ n: 1 }, { n: 2 }, { n: 3 }];
  };
  for (let i = 0; i < 3; i++) answers.answer('SELECT n FROM t', [], true, three);
  assert.is(big, 3, 'three rows are more than a quarter of eight');
});

test.run();
