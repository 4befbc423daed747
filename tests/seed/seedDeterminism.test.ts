import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { seededStore } from './seededStore.js';

const test = suite('prm seed is deterministic: the same seed and end date give the same log, hash chain included');

test('two seeds with the same options end on the same event at the same position with the same hash', async () => {
  const options = { partners: 5, seed: 11, until: '2026-06-30' };
  const first = await seededStore(options);
  const second = await seededStore(options);
  try {
    assert.ok(
      (first.head?.position ?? 0) > 1000,
      `a small channel still has a thousand events, got ${first.head?.position}`,
    );
    assert.equal(second.head, first.head);
    assert.equal(second.report.deals, first.report.deals);
    // Ids come from the seed too: the same partners exist in both stores.
    const ids = async (s: typeof first) =>
      (await s.platform.reader.all<{ partner_id: string }>('SELECT partner_id FROM partners ORDER BY partner_id')).map(
        (r) => r.partner_id,
      );
    assert.equal(await ids(second), await ids(first));
  } finally {
    await first.dispose();
    await second.dispose();
  }
});

test('another seed gives another channel', async () => {
  const a = await seededStore({ partners: 4, seed: 1, until: '2026-03-31' });
  const b = await seededStore({ partners: 4, seed: 2, until: '2026-03-31' });
  try {
    assert.is.not(a.head?.hash, b.head?.hash);
  } finally {
    await a.dispose();
    await b.dispose();
  }
});

test('the store must be empty', async () => {
  const s = await seededStore({ partners: 2, seed: 5, until: '2026-03-31' });
  try {
    const { seedChannel } = await import('../../app/seed/seedChannel.js');
    const clock = { set: () => undefined };
    try {
      await seedChannel(s.platform, clock, { partners: 2, seed: 5, until: '2026-03-31', bulk: true });
      assert.unreachable('seeding a non-empty store must fail');
    } catch (error) {
      assert.match(String(error), /not empty/);
    }
  } finally {
    await s.dispose();
  }
});

test.run();
