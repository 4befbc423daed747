/**
 * The expiry sweeper run twice at once, by two platforms on one SQLite file and by two `prm
 * expire-deals` processes: every lapsed deal is expired exactly once and its claim released once.
 */
import { spawn } from 'node:child_process';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { rmSync } from 'node:fs';
import * as E from 'fp-ts/lib/Either.js';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { timeOrderedIds } from '../../app/timeOrderedIds.js';
import { createPlatform } from '../../app/platform.js';
import { dealExpirySweeper } from '../../app/sweepers/index.js';
import { dealCommands } from '../../commands/deal/dealCommands.js';
import { lapsedDealCandidates } from '../../commands/deal/expireLapsedDeals.js';
import { ADMIN_KEY_PRINCIPAL } from '../../domain/access/index.js';
import { systemClock } from '../../domain/shared/clock.js';
import { isWrongExpectedVersion } from '../../eventstore/errors.js';
import type { EventStore, StreamAppend } from '../../eventstore/port.js';
import { activePartner, employee, expectStatus } from '../http/fixtures.js';
import { str } from '../support/json.js';
import { startTestApp, type TestApp } from '../support/testApp.js';

const DAY = 86_400_000;
const test = suite('concurrency: deal expiry sweeps racing');

/** `count` approved deals on distinct customers, protected for one day from the app's clock. */
const approvedDeals = async (t: TestApp, count: number) => {
  const partnerId = await activePartner(t, { name: 'Sweepable Reseller' });
  const seller = await employee(t, partnerId, 'sales');
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const r = await t.post(
      '/deals',
      {
        partnerId,
        customer: { name: `Customer ${i}`, domain: `lapsing${i}.de`, country: 'DE' },
        productLine: 'compute',
        estimatedValue: { amountMinor: 1_000_000, currency: 'EUR' },
        expectedCloseDate: '2026-12-31',
      },
      seller.token,
    );
    const id = str(expectStatus(r, 201).body, 'id');
    expectStatus(await t.post(`/deals/${id}/approve`, { protectionDays: 1 }), 200);
    ids.push(id);
  }
  return ids;
};

/** Per deal: how many DealExpired its stream holds; and how many claim releases for 'expired' the log holds. */
const expiryCounts = async (store: EventStore) => {
  const expired = new Map<string, number>();
  let releases = 0;
  for await (const e of store.readAll({ filter: { types: ['DealExpired', 'DealClaimReleased'] } })) {
    if (e.type === 'DealExpired') expired.set(e.streamId.slice(5), (expired.get(e.streamId.slice(5)) ?? 0) + 1);
    else if ((e.data as { reason: string }).reason === 'expired') releases++;
  }
  return { expired, releases };
};

/**
 * Holds every append of each store until all of them have one waiting: by then each has read and
 * decided on the same deal versions, so the race is real. Counts appends refused for a stale version.
 */
const raceGate = (stores: readonly EventStore[]) => {
  const waiting = new Set<number>();
  let release: () => void = () => undefined;
  const opened = new Promise<void>((resolve) => (release = resolve));
  let losses = 0;
  stores.forEach((store, i) => {
    const appendMany = store.appendMany;
    (store as { appendMany: EventStore['appendMany'] }).appendMany = async (appends: readonly StreamAppend[]) => {
      waiting.add(i);
      if (waiting.size === stores.length) release();
      await opened;
      try {
        return await appendMany(appends);
      } catch (error) {
        if (isWrongExpectedVersion(error)) losses++;
        throw error;
      }
    };
  });
  return { losses: () => losses };
};

test('two platforms on one SQLite file sweep at the same time: each deal expired once', async () => {
  const t = await startTestApp({ now: '2026-06-01T09:00:00.000Z' });
  try {
    const ids = await approvedDeals(t, 30);
    t.clock.advance(2 * DAY);
    // A second platform on the same file, like a CLI next to the server: no projections of its own.
    const other = await createPlatform({
      databaseFile: join(t.dir, 'prm.db'),
      clock: t.clock,
      ids: timeOrderedIds(),
      startProjections: false,
    });
    try {
      const gate = raceGate([t.platform.store, other.store]);
      const sweeps = [
        dealExpirySweeper(t.platform),
        dealExpirySweeper(other),
        dealExpirySweeper(t.platform),
        dealExpirySweeper(other),
      ];
      const reports = await Promise.all(sweeps.map((s) => s.sweep(t.clock.now())));
      assert.is(
        reports.reduce((n, r) => n + r.changed, 0),
        ids.length,
        JSON.stringify(reports),
      );
      assert.ok(
        reports.every((r) => (r.failed ?? 0) === 0 && r.examined === ids.length),
        JSON.stringify(reports),
      );
      assert.ok(gate.losses() > 0, 'some expiries lost the race on the expected version');
      const { expired, releases } = await expiryCounts(t.platform.store);
      assert.equal(
        ids.map((id) => expired.get(id)),
        ids.map(() => 1),
      );
      assert.is(releases, ids.length);
      const again = await dealExpirySweeper(other).sweep(t.clock.now());
      assert.is(again.changed, 0, 'a later sweep (read model not yet caught up, or caught up) changes nothing');
    } finally {
      await other.close();
    }
  } finally {
    await t.dispose();
  }
});

test('a sweep finds lapsed deals in the part of the log the read model has not reached', async () => {
  const t = await startTestApp({ now: '2026-06-01T09:00:00.000Z' });
  try {
    const partnerId = await activePartner(t, { name: 'Tail Reseller' });
    const seller = await employee(t, partnerId, 'sales');
    const id = str(
      expectStatus(
        await t.post(
          '/deals',
          {
            partnerId,
            customer: { name: 'Tail', domain: 'tail.de', country: 'DE' },
            productLine: 'compute',
            estimatedValue: { amountMinor: 1_000, currency: 'EUR' },
            expectedCloseDate: '2026-12-31',
          },
          seller.token,
        ),
        201,
      ).body,
      'id',
    );
    // Projections stop (as in a CLI process); the approval reaches only the log.
    await t.platform.runner.stop();
    const deals = dealCommands({ pipeline: t.platform.pipeline, ids: t.platform.ids });
    const approved = await deals.approve(
      { actor: { kind: 'admin-key', id: 'admin' }, commandId: 'cmd_tailapproval1', correlationId: 'cmd_tailapproval1' },
      ADMIN_KEY_PRINCIPAL,
      id,
      { protectionDays: 1 },
    );
    assert.ok(E.isRight(approved));
    assert.is(
      (await t.platform.reader.get<{ status: string }>('SELECT status FROM deals WHERE deal_id = ?', [id]))?.status,
      'submitted',
      'the read model lags',
    );
    t.clock.advance(DAY - 1);
    assert.equal(await lapsedDealCandidates(t.platform, t.clock.now()), []);
    t.clock.advance(1);
    assert.equal(await lapsedDealCandidates(t.platform, t.clock.now()), [id]);
    assert.is((await dealExpirySweeper(t.platform).sweep(t.clock.now())).changed, 1);
    const { expired } = await expiryCounts(t.platform.store);
    assert.is(expired.get(id), 1);
  } finally {
    await t.dispose();
  }
});

const cli = (dataDir: string) =>
  new Promise<{ code: number | null; out: string }>((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'app/main.ts', 'expire-deals'], {
      cwd: new URL('../..', import.meta.url).pathname,
      env: { ...process.env, PRM_DATA_DIR: dataDir, PRM_LOG_LEVEL: 'silent' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('close', (code) => resolve({ code, out }));
  });

test('two `prm expire-deals` processes at once: each deal expired once', async () => {
  // Deals approved a year ago for one day: lapsed by the real clock the CLI runs with.
  const t = await startTestApp({ now: new Date(Date.now() - 365 * DAY).toISOString() });
  const dir = t.dir;
  let ids: string[] = [];
  try {
    ids = await approvedDeals(t, 200);
  } finally {
    await t.app.close();
    await t.platform.close();
  }
  try {
    // Hold the write lock while both processes start, so that they are released into the race together
    // (with 200 deals their sweeps interleave; whoever wins a deal, the other finds it expired).
    const gate = new Database(join(dir, 'prm.db'));
    gate.exec('BEGIN IMMEDIATE');
    const running = Promise.all([cli(dir), cli(dir)]);
    await new Promise((r) => setTimeout(r, 3000));
    gate.exec('COMMIT');
    gate.close();
    const [a, b] = await running;
    assert.equal([a.code, b.code], [0, 0], a.out + b.out);
    const changed = [a, b].map((r) => Number(/deal-expiry: (\d+) changed/.exec(r.out)?.[1] ?? NaN));
    assert.is(changed[0] + changed[1], ids.length, a.out + b.out);
    const platform = await createPlatform({
      databaseFile: join(dir, 'prm.db'),
      clock: systemClock,
      ids: timeOrderedIds(),
      startProjections: false,
    });
    try {
      const { expired, releases } = await expiryCounts(platform.store);
      assert.equal(
        ids.map((id) => expired.get(id)),
        ids.map(() => 1),
      );
      assert.is(releases, ids.length);
    } finally {
      await platform.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
