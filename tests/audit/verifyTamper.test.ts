/**
 * Verification names the first position where the log was tampered with, and how: each case copies a
 * seeded store, changes it with plain SQL, and verifies the file (the function behind `prm verify`
 * and `GET /audit/verify`).
 */
import { copyFileSync } from 'node:fs';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { verifySqliteFile } from '../../eventstore/sqlite/verifySqliteFile.js';
import type { VerifyReport } from '../../eventstore/verifyReport.js';
import { must } from '../support/must.js';
import { seededTemplate, tempDir } from './support/appOnFile.js';
import { seedChannel } from './support/seedChannel.js';
import { insertForged, moveEvent, rehashFrom, shiftPositions, withDb } from './support/tamper.js';
import type Database from 'better-sqlite3';

const P = 40;
const test = suite<{ template: string; cleanup: () => void; head: { position: number; hash: string } }>(
  'verify: tampering by plain SQL',
);
test.before(async (ctx) => {
  const template = await seededTemplate((t) => seedChannel(t, 6));
  ctx.template = template.file;
  const report = await verifySqliteFile(template.file);
  ctx.head = { position: report.headPosition, hash: report.headHash };
  ctx.cleanup = template.dispose;
});
test.after((ctx) => ctx.cleanup());

/** Copies the template, tampers with the copy, verifies it. */
const tampered = async (
  template: string,
  change: (db: Database.Database) => void,
  anchor?: { position: number; hash: string },
): Promise<VerifyReport> => {
  const tmp = tempDir('tamper');
  try {
    const file = tmp.file('prm.db');
    copyFileSync(template, file);
    withDb(file, change);
    return await verifySqliteFile(file, { anchor });
  } finally {
    tmp.dispose();
  }
};

/** Asserts the problem verification found, and returns it. */
const expectProblem = (report: VerifyReport, position: number, kind: string) => {
  assert.is(report.ok, false, 'tampering went unnoticed');
  assert.is(report.problem?.kind, kind, JSON.stringify(report.problem));
  assert.is(report.problem?.position, position, JSON.stringify(report.problem));
  return must(report.problem, 'the problem');
};

test('an untouched log verifies: every event checked, head position and hash reported', async ({ template, head }) => {
  const report = await verifySqliteFile(template);
  assert.is(report.ok, true, JSON.stringify(report.problem));
  assert.ok(head.position > P + 20, `the seeded log is long enough (${head.position})`);
  assert.is(report.checkedEvents, head.position);
  assert.match(report.headHash, /^[0-9a-f]{64}$/);
  assert.is(report.problem, undefined);
});

test('modified: an event body changed in place', async ({ template }) => {
  const report = await tampered(template, (db) =>
    db.prepare(`UPDATE events SET data = json_patch(data, '{"tampered":true}') WHERE position = ?`).run(P),
  );
  expectProblem(report, P, 'modified');
  assert.is(report.checkedEvents, P - 1);
});

test('modified: the actor, the time or the type of an event', async ({ template }) => {
  expectProblem(
    await tampered(template, (db) =>
      db
        .prepare(`UPDATE events SET metadata = json_set(metadata, '$.actor.id', 'per_someoneElse1') WHERE position = ?`)
        .run(P + 1),
    ),
    P + 1,
    'modified',
  );
  expectProblem(
    await tampered(template, (db) =>
      db.prepare(`UPDATE events SET recorded_at = '2020-01-01T00:00:00.000Z' WHERE position = ?`).run(P + 2),
    ),
    P + 2,
    'modified',
  );
  expectProblem(
    await tampered(template, (db) =>
      db.prepare(`UPDATE events SET type = 'PartnerTerminated' WHERE position = ?`).run(P + 3),
    ),
    P + 3,
    'modified',
  );
  expectProblem(
    await tampered(template, (db) => db.prepare(`UPDATE events SET data = '{not json' WHERE position = ?`).run(P + 4)),
    P + 4,
    'modified',
  );
});

test('modified: the first and the last event', async ({ template, head }) => {
  expectProblem(
    await tampered(template, (db) =>
      db.prepare(`UPDATE events SET data = json_patch(data, '{"x":1}') WHERE position = 1`).run(),
    ),
    1,
    'modified',
  );
  expectProblem(
    await tampered(template, (db) =>
      db.prepare(`UPDATE events SET data = json_patch(data, '{"x":1}') WHERE position = ?`).run(head.position),
    ),
    head.position,
    'modified',
  );
});

test('deleted: one event, and several, leaving a gap', async ({ template }) => {
  const one = await tampered(template, (db) => db.prepare('DELETE FROM events WHERE position = ?').run(P));
  expectProblem(one, P, 'deleted');
  const three = await tampered(template, (db) =>
    db.prepare('DELETE FROM events WHERE position BETWEEN ? AND ?').run(P, P + 2),
  );
  assert.match(expectProblem(three, P, 'deleted').detail, /3 event/);
});

test('deleted: an event removed and the later ones renumbered to close the gap', async ({ template }) => {
  const report = await tampered(template, (db) => {
    db.prepare('DELETE FROM events WHERE position = ?').run(P);
    shiftPositions(db, P + 1, -1);
  });
  expectProblem(report, P, 'deleted');
});

test('inserted: a forged event slipped in, later events renumbered', async ({ template }) => {
  expectProblem(await tampered(template, (db) => insertForged(db, P, false)), P, 'inserted');
});

test('inserted: a forged event with a correctly computed hash', async ({ template }) => {
  const report = await tampered(template, (db) => insertForged(db, P, true));
  expectProblem(report, P, 'inserted');
});

test('reordered: two neighbours swapped', async ({ template }) => {
  expectProblem(await tampered(template, (db) => moveEvent(db, P, P + 1)), P, 'reordered');
});

test('reordered: an event moved later, and one moved earlier', async ({ template }) => {
  expectProblem(await tampered(template, (db) => moveEvent(db, P, P + 5)), P, 'reordered');
  expectProblem(await tampered(template, (db) => moveEvent(db, P + 5, P)), P, 'reordered');
});

test('the first of several changes is the one named', async ({ template }) => {
  const report = await tampered(template, (db) => {
    db.prepare(`UPDATE events SET data = json_patch(data, '{"x":1}') WHERE position = ?`).run(P + 10);
    db.prepare('DELETE FROM events WHERE position = ?').run(P + 3);
  });
  expectProblem(report, P + 3, 'deleted');
});

test('a rewritten chain: the stream versions still give a removal away', async ({ template }) => {
  let expected = 0;
  const report = await tampered(template, (db) => {
    // Remove an event that has a successor in its stream, renumber, and recompute every hash after it.
    const victim = db
      .prepare(
        `SELECT e.position, s.position AS successor
       FROM events e JOIN events s ON s.stream_id = e.stream_id AND s.version = e.version + 1
       WHERE e.position >= ? ORDER BY e.position LIMIT 1`,
      )
      .get(P) as { position: number; successor: number };
    expected = victim.successor - 1;
    db.prepare('DELETE FROM events WHERE position = ?').run(victim.position);
    shiftPositions(db, victim.position + 1, -1);
    rehashFrom(db, victim.position);
  });
  assert.match(expectProblem(report, expected, 'deleted').detail, /jumps from version/);
});

test('a truncated log verifies on its own, and an anchor recorded earlier catches it', async ({ template, head }) => {
  const cut = (db: Database.Database) => db.prepare('DELETE FROM events WHERE position > ?').run(head.position - 2);
  assert.is((await tampered(template, cut)).ok, true);
  expectProblem(await tampered(template, cut, head), head.position - 1, 'deleted');
});

test('a chain rewritten from the start matches itself, but not an anchor recorded earlier', async ({
  template,
  head,
}) => {
  const rewrite = (db: Database.Database) => {
    db.prepare(`UPDATE events SET data = json_patch(data, '{"x":1}') WHERE position = ?`).run(P);
    rehashFrom(db, P);
  };
  assert.is((await tampered(template, rewrite)).ok, true, 'a recomputed chain is consistent with itself');
  const report = await tampered(template, rewrite, head);
  assert.match(expectProblem(report, head.position, 'modified').detail, /anchor/);
});

test.run();
