import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { seedChannel } from '../../app/seed/seedChannel.js';
import { quiescent } from '../http/fixtures.js';
import { num } from '../support/json.js';
import { startTestApp } from '../support/testApp.js';

const test = suite('prm seed into a running app: live projections and policies follow, nothing is awarded twice');

test('the read models follow the seed, and the live policy runner and the seed award each source once', async () => {
  const t = await startTestApp({ now: '2026-03-31T00:00:00.000Z' });
  try {
    const report = await seedChannel(t.platform, t.clock, { partners: 3, seed: 8, until: '2026-03-31', bulk: false });
    await quiescent(t);
    const one = async (sql: string) =>
      Number(Object.values((await t.platform.reader.get<Record<string, number>>(sql)) ?? {})[0]);
    assert.is(await one('SELECT COUNT(*) FROM scorecard_partners'), report.partners);
    assert.is(await one('SELECT MIN(position) FROM projection_checkpoints'), await t.eventCount());
    const earned = await one(`SELECT COUNT(*) FROM events WHERE type = 'PointsEarned'`);
    assert.ok(earned > 10);
    assert.is(
      await one(`SELECT COUNT(DISTINCT json_extract(data, '$.sourceEventId')) FROM events WHERE type = 'PointsEarned'`),
      earned,
    );
    const admin = await t.get('/dashboards/channel-health');
    assert.is(admin.status, 200);
    assert.ok(num(admin.body, 'partners', 'active') >= 1);
  } finally {
    await t.dispose();
  }
});

test.run();
