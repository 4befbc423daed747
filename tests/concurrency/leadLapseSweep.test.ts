/**
 * The lead acceptance sweeper run twice at once, by two platforms on one SQLite file, and as `prm
 * expire-leads` in a process of its own: every overdue assignment lapses exactly once and is routed on
 * exactly once.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { rmSync } from 'node:fs';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { timeOrderedIds } from '../../app/timeOrderedIds.js';
import { createPlatform } from '../../app/platform.js';
import { leadAcceptanceSweeper } from '../../app/sweepers/index.js';
import { systemClock } from '../../domain/shared/clock.js';
import type { EventStore } from '../../eventstore/port.js';
import { expectStatus } from '../http/fixtures.js';
import { str } from '../support/json.js';
import { leadWorld } from '../http/leadFixtures.js';
import { startTestApp, type TestApp } from '../support/testApp.js';

const HOUR = 3_600_000;
const test = suite('concurrency: lead acceptance sweeps racing');

/** `count` leads routed to the emea partners and left unanswered. */
const routedLeads = async (t: TestApp, count: number) => {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const id = str(
      expectStatus(
        await t.post('/leads', {
          customer: { name: `Customer ${i}`, domain: `overdue${i}.de`, country: 'DE' },
          region: 'emea',
          productLine: 'storage',
          source: 'trade show',
        }),
        201,
      ).body,
      'id',
    );
    expectStatus(await t.post(`/leads/${id}/route`, {}), 200);
    ids.push(id);
  }
  return ids;
};

/** Per lead: how many lapses and assignments its stream holds. */
const counts = async (store: EventStore) => {
  const lapsed = new Map<string, number>();
  const assigned = new Map<string, number>();
  for await (const e of store.readAll({ filter: { types: ['LeadAcceptanceLapsed', 'LeadAssigned'] } })) {
    const map = e.type === 'LeadAssigned' ? assigned : lapsed;
    const id = e.streamId.slice('lead-'.length);
    map.set(id, (map.get(id) ?? 0) + 1);
  }
  return { lapsed, assigned };
};

test('two platforms on one SQLite file sweep at once: each lead lapses once and is routed on once', async () => {
  const t = await startTestApp();
  try {
    await leadWorld(t);
    const ids = await routedLeads(t, 20);
    t.clock.advance(49 * HOUR);
    const other = await createPlatform({
      databaseFile: join(t.dir, 'prm.db'),
      clock: t.clock,
      ids: timeOrderedIds(),
      startProjections: false,
    });
    try {
      const sweeps = [t.platform, other, t.platform, other].map((p) => leadAcceptanceSweeper(p));
      const reports = await Promise.all(sweeps.map((s) => s.sweep(t.clock.now())));
      assert.is(
        reports.reduce((n, r) => n + r.changed, 0),
        ids.length,
        JSON.stringify(reports),
      );
      assert.ok(
        reports.every((r) => (r.failed ?? 0) === 0),
        JSON.stringify(reports),
      );
      const { lapsed, assigned } = await counts(t.platform.store);
      assert.equal(
        ids.map((id) => [lapsed.get(id), assigned.get(id)]),
        ids.map(() => [1, 2]),
      );
      assert.is((await leadAcceptanceSweeper(other).sweep(t.clock.now())).changed, 0);
    } finally {
      await other.close();
    }
  } finally {
    await t.dispose();
  }
});

const cli = (dataDir: string) =>
  new Promise<{ code: number | null; out: string }>((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'app/main.ts', 'expire-leads'], {
      cwd: new URL('../..', import.meta.url).pathname,
      env: { ...process.env, PRM_DATA_DIR: dataDir, PRM_LOG_LEVEL: 'silent' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('close', (code) => resolve({ code, out }));
  });

test('`prm expire-leads` lapses what is overdue by the real clock; without auto-routing it stays lapsed', async () => {
  // Leads assigned a year ago: overdue by the real clock the CLI runs with.
  const t = await startTestApp({ now: new Date(Date.now() - 365 * 24 * HOUR).toISOString() });
  const dir = t.dir;
  let ids: string[] = [];
  try {
    await leadWorld(t);
    expectStatus(await t.put('/channel/settings', { autoRouteLapsedLeads: false }), 200);
    ids = await routedLeads(t, 5);
  } finally {
    await t.app.close();
    await t.platform.close();
  }
  try {
    const run = await cli(dir);
    assert.is(run.code, 0, run.out);
    assert.match(run.out, `lead-acceptance: ${ids.length} changed`);
    const platform = await createPlatform({
      databaseFile: join(dir, 'prm.db'),
      clock: systemClock,
      ids: timeOrderedIds(),
      startProjections: true,
    });
    try {
      const { lapsed, assigned } = await counts(platform.store);
      assert.equal(
        ids.map((id) => [lapsed.get(id), assigned.get(id)]),
        ids.map(() => [1, 1]),
      );
      const rows = await platform.reader.all<{ status: string }>(
        `SELECT status FROM leads WHERE lead_id IN (${ids.map(() => '?').join(', ')})`,
        ids,
      );
      assert.equal(
        rows.map((r) => r.status),
        ids.map(() => 'lapsed'),
      );
    } finally {
      await platform.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
