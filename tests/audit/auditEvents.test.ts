/**
 * `GET /audit/events` (filters by stream, type, actor, time; cursor pages) and `GET /audit/streams/:id`
 * (one stream's envelopes), over a seeded log; the filters stay index-backed.
 */
import Database from 'better-sqlite3';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { eventsQuery } from '../../eventstore/sqlite/eventsQuery.js';
import { at, list, strOrNull } from '../support/json.js';
import { startTestApp, type TestApp } from '../support/testApp.js';
import { vendorStaff } from '../http/fixtures.js';
import { seedChannel } from './support/seedChannel.js';

const test = suite<{ t: TestApp; head: number; manager: string; partnerIds: string[] }>('audit: events and streams');
test.before(async (ctx) => {
  const t = await startTestApp({ now: '2026-06-01T09:00:00.000Z' });
  ctx.t = t;
  const seeded = await seedChannel(t, 6);
  ctx.partnerIds = seeded.partnerIds;
  const manager = await vendorStaff(t, 'channel_manager');
  ctx.manager = manager.id;
  t.clock.advance(60_000);
  for (const id of seeded.partnerIds.slice(0, 3)) {
    const r = await t.post(
      `/partners/${id}/quotas`,
      { period: '2026-Q4', amount: { amountMinor: 5, currency: 'EUR' } },
      manager.token,
    );
    assert.is(r.status, 200, JSON.stringify(r.body));
  }
  ctx.head = await t.eventCount();
});
test.after(async (ctx) => ctx.t?.dispose());

type Item = {
  position: number;
  streamId: string;
  version: number;
  type: string;
  metadata: { actor: { id: string } };
  recordedAt: string;
  hash: string;
};
/** Every page of a query, following nextCursor. */
const allPages = async (t: TestApp, query: string, limit = 37) => {
  const items: Item[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const r = await t.get(
      `/audit/events?limit=${limit}${query ? `&${query}` : ''}${cursor ? `&cursor=${cursor}` : ''}`,
    );
    assert.is(r.status, 200, JSON.stringify(r.body));
    assert.ok(list(r.body, 'items').length <= limit);
    items.push(...(list(r.body, 'items') as Item[]));
    cursor = strOrNull(r.body, 'nextCursor');
    pages += 1;
  } while (cursor && pages < 100);
  return items;
};
const positions = (items: readonly Item[]) => items.map((i) => i.position);
const sqlPositions = (t: TestApp, where: string, ...params: unknown[]) => {
  const db = new Database(t.platform.connection.path, { readonly: true });
  try {
    return (
      db.prepare(`SELECT position FROM events WHERE ${where} ORDER BY position`).all(...params) as {
        position: number;
      }[]
    ).map((r) => r.position);
  } finally {
    db.close();
  }
};

test('paging through the whole log yields every position once, in order', async ({ t, head }) => {
  const items = await allPages(t, '');
  assert.equal(
    positions(items),
    Array.from({ length: head }, (_, i) => i + 1),
  );
  assert.match(items[0].hash, /^[0-9a-f]{64}$/);
  const some = await t.get('/audit/events?after=10&limit=5');
  assert.equal(positions(list(some.body, 'items') as Item[]), [11, 12, 13, 14, 15]);
});

test('filter by stream, by type (one or several), by actor', async ({ t, manager, partnerIds }) => {
  const stream = `partner-${partnerIds[1]}`;
  const ofStream = await allPages(t, `streamId=${stream}`);
  assert.equal(positions(ofStream), sqlPositions(t, 'stream_id = ?', stream));
  assert.equal(
    ofStream.map((i) => i.version),
    ofStream.map((_, i) => i + 1),
  );
  const approved = await allPages(t, 'type=PartnerApproved', 4);
  assert.is(approved.length, 6);
  assert.ok(approved.every((i) => i.type === 'PartnerApproved'));
  const two = await allPages(t, 'type=PartnerSuspended,PartnerReinstated');
  assert.equal(positions(two), sqlPositions(t, "type IN ('PartnerSuspended', 'PartnerReinstated')"));
  assert.ok(two.length >= 2);
  const byManager = await allPages(t, `actorId=${manager}`);
  assert.equal([byManager.length, [...new Set(byManager.map((i) => i.type))]], [3, ['PartnerQuotaSet']]);
  assert.ok(byManager.every((i) => i.metadata.actor.id === manager));
  assert.equal(
    positions(await allPages(t, 'actorId=admin', 50)),
    sqlPositions(t, `json_extract(metadata, '$.actor.kind') = 'admin-key'`),
  );
});

test('filter by time range, alone and with a type; bounds included', async ({ t }) => {
  const from = '2026-06-01T09:05:00.000Z';
  const to = '2026-06-01T09:20:00.000Z';
  const range = await allPages(t, `from=${from}&to=${to}`, 7);
  assert.equal(positions(range), sqlPositions(t, 'recorded_at >= ? AND recorded_at <= ?', from, to));
  assert.ok(range.length > 5);
  assert.ok(range.every((i) => i.recordedAt >= from && i.recordedAt <= to));
  const registered = await allPages(t, `type=PersonRegistered&from=${from}`);
  assert.equal(positions(registered), sqlPositions(t, "type = 'PersonRegistered' AND recorded_at >= ?", from));
});

test('stored bytes by default, the current schema on request', async ({ t }) => {
  const stored = at((await t.get('/audit/events?type=PersonRegistered&limit=1')).body, 'items', 0);
  assert.is(at(stored, 'schemaVersion'), 2);
  assert.is(at(stored, 'storedSchemaVersion'), undefined);
  const same = at((await t.get('/audit/events?type=PersonRegistered&limit=1&upcast=true')).body, 'items', 0);
  assert.equal(same, stored, 'current events are the same either way');
});

test("one stream's envelopes in version order, paged; unknown streams are 404", async ({ t, partnerIds }) => {
  const stream = `partner-${partnerIds[2]}`;
  const first = await t.get(`/audit/streams/${stream}?limit=2`);
  assert.is(first.status, 200);
  assert.equal(
    list(first.body, 'items').map((i) => at(i, 'version')),
    [1, 2],
  );
  const rest = await t.get(`/audit/streams/${stream}?limit=100&cursor=${at(first.body, 'nextCursor')}`);
  assert.is(at(rest.body, 'items', 0, 'version'), 3);
  assert.is(at(rest.body, 'nextCursor'), null);
  assert.ok(list(rest.body, 'items').every((i) => at(i, 'streamId') === stream));
  assert.is((await t.get('/audit/streams/partner-ptr_unknown000001')).status, 404);
});

test('bad filters are 400 with the field path', async ({ t }) => {
  for (const [query, path] of [
    ['type=partnerApproved', 'query.type[0]'],
    ['limit=0', 'query.limit'],
    ['cursor=garbage!', 'query.cursor'],
    ['from=yesterday', 'query.from'],
    ['after=-3', 'query.after'],
    ['unknown=1', 'query.unknown'],
    ['upcast=yes', 'query.upcast'],
    ['streamId=NOPE', 'query.streamId'],
    ['from=2026-06-02T00:00:00Z&to=2026-06-01T00:00:00Z', 'query.to'],
  ]) {
    const r = await t.get(`/audit/events?${query}`);
    assert.is(r.status, 400, query);
    assert.ok(
      (at(r.body, 'errors') as { path: string }[]).some((e) => e.path === path),
      `${query}: ${JSON.stringify(at(r.body, 'errors'))}`,
    );
  }
});

test('type and actor filters use their indexes, in log order (no full scan, no sort)', ({ t }) => {
  const db = new Database(t.platform.connection.path, { readonly: true });
  try {
    const plan = (filter: Parameters<typeof eventsQuery>[0]) => {
      const { sql, params } = eventsQuery(filter);
      return (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[])
        .map((r) => r.detail)
        .join(' | ');
    };
    const byType = plan({ after: 0, limit: 10, types: ['PartnerApproved'] });
    assert.match(byType, /events_type_position/);
    assert.not.match(byType, /TEMP B-TREE/);
    const byActor = plan({ after: 0, limit: 10, actorId: 'per_x' });
    assert.match(byActor, /events_actor_position/);
    assert.not.match(byActor, /TEMP B-TREE/);
    assert.match(plan({ after: 0, limit: 10, streamId: 'partner-x' }), /events_stream_version|sqlite_autoindex_events/);
    assert.match(
      plan({ after: 0, limit: 10, from: '2026-01-01T00:00:00.000Z', to: '2026-01-02T00:00:00.000Z' }),
      /events_recorded_at|INTEGER PRIMARY KEY/,
    );
  } finally {
    db.close();
  }
});

test.run();
