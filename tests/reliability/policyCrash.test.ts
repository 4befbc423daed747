/**
 * The policy runner killed between a source event and its award: a child process runs the points
 * policies on a real SQLite file and is SIGKILLed (1) right after the award's append returned, before
 * the checkpoint moved, and (2) at an arbitrary moment while it works through many won deals. A new
 * runner on the same file then finds exactly one award per source event.
 *
 * The child is this same file, started with PRM_POLICY_CHILD=<database file>.
 */
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { EventStore } from '../../eventstore/port.js';
import { facts, openPolicyHarness } from '../property/pointsPolicyHarness.js';

const CHILD = process.env.PRM_POLICY_CHILD;

/** Child: runs the policies; in `kill-after-award` mode it SIGKILLs itself once an award is durable. */
const child = async (file: string, mode: string) => {
  const h = await openPolicyHarness(file);
  const killing: EventStore = {
    ...h.store,
    appendMany: async (appends) => {
      const results = await h.store.appendMany(appends);
      if (mode === 'kill-after-award' && appends.some((a) => a.events.some((e) => e.type === 'PointsEarned')))
        process.kill(process.pid, 'SIGKILL');
      return results;
    },
  };
  const runner = h.runnerOn({ pipeline: h.pipelineOn(killing), batchSize: 5 });
  await runner.start();
  await runner.waitFor(await h.head());
  await runner.stop();
  await h.close();
};

const runChild = (file: string, mode: string) => {
  const proc = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url)], {
    env: { ...process.env, PRM_POLICY_CHILD: file, PRM_POLICY_MODE: mode },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  proc.stderr.on('data', (d) => (stderr += d));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) =>
    proc.on('exit', (code, signal) => resolve({ code, signal, stderr })),
  );
  return { proc, exited };
};

const awardsIn = (file: string) => {
  const db = new Database(file, { readonly: true });
  try {
    return db
      .prepare(`SELECT json_extract(data, '$.sourceEventId') AS source FROM events WHERE type = 'PointsEarned'`)
      .all() as { source: string }[];
  } finally {
    db.close();
  }
};

/** The restarted process: policies run to the head of the log; the awards the ledger then holds. */
const awardsAfterRestart = async (reopened: Awaited<ReturnType<typeof openPolicyHarness>>) => {
  const runner = reopened.runnerOn();
  await runner.start();
  await runner.waitFor(await reopened.head());
  await runner.stop();
  const awards = reopened.awards();
  await reopened.close();
  return awards;
};

const test = suite<{ dir: string; file: string }>('policy runner killed between a source event and its award');
test.before.each((ctx) => {
  ctx.dir = mkdtempSync(join(tmpdir(), 'prm-policy-crash-'));
  ctx.file = join(ctx.dir, 'prm.db');
});
test.after.each((ctx) => rmSync(ctx.dir, { recursive: true, force: true }));

test('SIGKILLed after the award was appended and before the checkpoint: one award after the restart', async ({
  file,
}) => {
  const h = await openPolicyHarness(file);
  const f = facts(h);
  await f.person('per_crash00001');
  await f.joins('per_crash00001', 'ptr_crash00001');
  await f.program('prg_crash00001', 100);
  await f.registers('deal_crash00001', 'ptr_crash00001', 'per_crash00001');
  const won = await f.wins('deal_crash00001', 1_000_000);
  const certified = await f.certifies('per_crash00001', 'prg_crash00001');
  await h.close();

  const { signal } = await runChild(file, 'kill-after-award').exited;
  assert.is(signal, 'SIGKILL');
  assert.equal(
    awardsIn(file).map((a) => a.source),
    [won],
    'the award survived the kill',
  );
  const reopened = await openPolicyHarness(file);
  const checkpoint = reopened.connection.db
    .prepare(`SELECT position FROM policy_checkpoints WHERE name = 'points-for-won-deals'`)
    .get() as { position: number } | undefined;
  const wonAt = (
    reopened.connection.db.prepare('SELECT position FROM events WHERE event_id = ?').get(won) as { position: number }
  ).position;
  assert.ok((checkpoint?.position ?? 0) < wonAt, 'the checkpoint had not moved past the source event');

  const awards = await awardsAfterRestart(reopened);
  // 10,000 EUR at the default 0.01 points per euro; the program's 100 points.
  assert.equal(
    awards.map((a) => [a.sourceEventId, a.points]).sort(),
    [
      [won, 100],
      [certified, 100],
    ].sort(),
  );
});

test('SIGKILLed at any moment while awarding many deals: each deal earns once after the restart', async ({ file }) => {
  const h = await openPolicyHarness(file);
  const f = facts(h);
  const sources: string[] = [];
  await f.rate(1);
  for (let i = 1; i <= 60; i++) {
    const dealId = `deal_many${String(i).padStart(5, '0')}`;
    await f.registers(dealId, `ptr_many0000${i % 3}`, 'per_many00001');
    sources.push(await f.wins(dealId, 100 * i));
  }
  await h.close();

  const { proc, exited } = runChild(file, 'run');
  // Kill as soon as some (not all) awards are in the log.
  for (;;) {
    const n = awardsIn(file).length;
    if (n >= 5 || proc.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 5));
  }
  proc.kill('SIGKILL');
  const { signal } = await exited;
  const before = awardsIn(file).length;
  assert.ok(signal === 'SIGKILL' || before === 60, 'the child was killed (or had already finished)');

  const awards = await awardsAfterRestart(await openPolicyHarness(file));
  assert.equal(awards.map((a) => a.sourceEventId).sort(), [...sources].sort(), 'every deal earned exactly once');
  assert.equal(
    awards.map((a) => a.points).reduce((a, b) => a + b, 0),
    (60 * 61) / 2,
    'one point per euro, once',
  );
});

if (CHILD) await child(CHILD, process.env.PRM_POLICY_MODE ?? 'run');
else test.run();
