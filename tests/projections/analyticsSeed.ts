import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as assert from 'uvu/assert';
import { buildApp } from '../../app/buildApp.js';
import { timeOrderedIds } from '../../app/timeOrderedIds.js';
import { createPlatform } from '../../app/platform.js';
import { seedChannel } from '../../app/seed/seedChannel.js';
import { manualClock, systemClock } from '../../domain/shared/clock.js';
import { ADMIN_KEY, JWT_SECRET } from '../support/testApp.js';

/**
 * A channel as `prm seed` builds it (two simulated years up to today, so that "now" in the views and in
 * the API is the seeded channel's present), then served on the real clock with projections running, a few
 * content items published (the seed publishes none) and a partner's history read through /audit.
 */
export const analyticsSeed = async (options: { partners: number; seed: number }) => {
  const dir = mkdtempSync(join(tmpdir(), 'prm-analytics-seed-'));
  const file = join(dir, 'prm.db');
  const until = new Date().toISOString().slice(0, 10);
  const seedClock = manualClock(`${until}T00:00:00.000Z`);
  const seeding = await createPlatform({
    databaseFile: file,
    clock: seedClock,
    ids: timeOrderedIds(),
    startProjections: false,
    startPolicies: false,
  });
  await seedChannel(seeding, seedClock, { ...options, until, bulk: true });
  await seeding.close();

  const platform = await createPlatform({ databaseFile: file, clock: systemClock, ids: timeOrderedIds() });
  const app = await buildApp(platform, { adminKey: ADMIN_KEY, jwtSecret: JWT_SECRET });
  /** An answer of the API, `unknown` until read through tests/support/json.ts. */
  const get = async (url: string): Promise<unknown> => {
    const res = await app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${ADMIN_KEY}` } });
    assert.is(res.statusCode, 200, `GET ${url}: ${res.body}`);
    return res.json<unknown>();
  };
  const publish = async (title: string, audience: unknown) => {
    const res = await app.inject({
      method: 'POST',
      url: '/content',
      headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' },
      payload: JSON.stringify({ title, kind: 'collateral', uri: 'https://vendor.example/c.pdf', audience }),
    });
    assert.is(res.statusCode, 201, res.body);
  };
  const one = async (sql: string) => (await platform.reader.get<{ id: string }>(sql))?.id as string;
  await publish('For everyone', {});
  await publish('For gold and platinum', { tiers: ['gold', 'platinum'] });
  await publish('For the certified', {
    requiredPrograms: [await one('SELECT program_id AS id FROM programs ORDER BY program_id LIMIT 1')],
  });
  await publish('For a partner that left', {
    partnerIds: [
      await one(`SELECT partner_id AS id FROM partners WHERE status <> 'active' ORDER BY status DESC LIMIT 1`),
    ],
  });
  // Someone looked at a partner's history: the audit access log has a row to query.
  await get(`/audit/streams/partner-${await one('SELECT partner_id AS id FROM partners LIMIT 1')}`);
  return {
    platform,
    app,
    file,
    get,
    dispose: async () => {
      await app.close();
      await platform.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
};
export type AnalyticsSeed = Awaited<ReturnType<typeof analyticsSeed>>;
