/**
 * Old schema versions still replay (DESIGN §10): the committed fixture store holds PartnerApplied and
 * PersonRegistered at schema version 1 (no `domain`, emails as typed). Opened by today's software it
 * migrates, projects every event through the upcasters into the current read models, passes verify,
 * and takes new (v2) commands on top of the old history.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { upcasters } from '../../app/upcasters.js';
import { eventDefinitions } from '../../domain/index.js';
import { createEventRegistry } from '../../eventstore/eventRegistry.js';
import type { StoredEvent } from '../../eventstore/port.js';
import { V1_STORE, ids, makeV1Store } from '../fixtures/makeV1Store.js';
import { at, num, obj } from '../support/json.js';
import { appOnCopy, tempDir } from './support/appOnFile.js';
import { withDb } from './support/tamper.js';

type App = Awaited<ReturnType<typeof appOnCopy>>;
const test = suite<{ t: App }>('schema evolution: a v1 store replays into the current read models');
test.before.each(async (ctx) => {
  ctx.t = await appOnCopy(V1_STORE, '2026-06-01T09:00:00.000Z');
});
test.after.each(async (ctx) => ctx.t?.dispose());

test('the committed fixture is what its generator writes, and holds v1 events of both types', async () => {
  const tmp = tempDir('fixture');
  try {
    await makeV1Store(tmp.file('again.db'));
    const rows = (file: string) => withDb(file, (db) => db.prepare('SELECT * FROM events ORDER BY position').all());
    assert.equal(rows(V1_STORE), rows(tmp.file('again.db')));
    const versions = withDb(V1_STORE, (db) =>
      db
        .prepare(
          `SELECT type, schema_version AS v, COUNT(*) AS n FROM events
           WHERE type IN ('PartnerApplied', 'PersonRegistered') GROUP BY type, v`,
        )
        .all(),
    );
    assert.equal(versions, [
      { type: 'PartnerApplied', v: 1, n: 3 },
      { type: 'PersonRegistered', v: 1, n: 3 },
    ]);
  } finally {
    tmp.dispose();
  }
});

test('without its upcasters the old events could not be read', () => {
  const bare = createEventRegistry(eventDefinitions, []);
  const v1 = withDb(V1_STORE, (db) =>
    db.prepare(`SELECT * FROM events WHERE type = 'PartnerApplied' LIMIT 1`).get(),
  ) as { data: string };
  const event = { type: 'PartnerApplied', schemaVersion: 1, data: JSON.parse(v1.data) } as StoredEvent;
  assert.throws(() => bare.upcast(event), /no upcaster for PartnerApplied from schema version 1/);
  assert.equal(createEventRegistry(eventDefinitions, upcasters).upcast(event).data, {
    ...JSON.parse(v1.data),
    domain: 'acme-storage.example',
  });
});

test('every stored event upcasts to a body its current schema accepts', async ({ t }) => {
  const { registry, store } = t.platform;
  let n = 0;
  for await (const event of store.readAll()) {
    assert.is(
      event.schemaVersion,
      registry.currentVersion(event.type),
      `${event.type} at ${event.position} is current`,
    );
    registry.validate(event.type, event.schemaVersion, event.data);
    n += 1;
  }
  assert.is(n, await store.headPosition());
  assert.ok(n >= 21);
});

test(
  'the directory shows the derived domains; ' + 'people show canonical emails; readiness and employers are replayed',
  async ({ t }) => {
    const acme = obj((await t.get(`/partners/${ids.acme}`)).body);
    assert.equal(
      [acme.status, acme.tier, acme.type, acme.domain, acme.website],
      ['active', 'gold', 'distributor', 'acme-storage.example', 'https://WWW.Acme-Storage.example/partners'],
    );
    const byte = obj((await t.get(`/partners/${ids.byte}`)).body);
    assert.equal(
      [byte.status, byte.domain, byte.parentPartnerId, byte.employeeCount, byte.readyProductLines],
      ['active', 'byte-resellers.co.uk', ids.acme, 1, ['storage']],
    );
    assert.is(at((await t.get(`/partners/${ids.cloud}`)).body, 'domain'), 'cloudnine.example');
    const domains = withDb(t.databaseFile, (db) =>
      db.prepare('SELECT partner_id, domain FROM partners ORDER BY partner_id').all(),
    );
    assert.equal(domains, [
      { partner_id: ids.acme, domain: 'acme-storage.example' },
      { partner_id: ids.byte, domain: 'byte-resellers.co.uk' },
      { partner_id: ids.cloud, domain: 'cloudnine.example' },
    ]);
    const ann = obj((await t.get(`/people/${ids.ann}`)).body);
    assert.is(ann.email, 'ann.admin@acme-storage.example');
    // Ann's own token works: the access model was projected from the old events too.
    assert.is((await t.get(`/partners/${ids.acme}`, t.tokenFor(ids.ann))).status, 200);
  },
);

test('auditors see the stored v1 bytes, or the upcast body on request, and the replayed state', async ({ t }) => {
  const carol = t.tokenFor(ids.carol);
  const raw = await t.get(`/audit/streams/person-${ids.ann}`, carol);
  assert.is(raw.status, 200);
  assert.equal(
    [at(raw.body, 'items', 0, 'schemaVersion'), at(raw.body, 'items', 0, 'data', 'email')],
    [1, 'Ann.Admin@Acme-Storage.Example'],
  );
  const upcast = await t.get(`/audit/streams/person-${ids.ann}?upcast=true`, carol);
  assert.equal(
    [
      at(upcast.body, 'items', 0, 'schemaVersion'),
      at(upcast.body, 'items', 0, 'storedSchemaVersion'),
      at(upcast.body, 'items', 0, 'data', 'email'),
    ],
    [2, 1, 'ann.admin@acme-storage.example'],
  );
  const state = await t.get(`/audit/streams/partner-${ids.acme}/state?asOf=2`, carol);
  assert.equal(
    [at(state.body, 'state', 'status'), at(state.body, 'state', 'domain'), at(state.body, 'version')],
    ['applied', 'acme-storage.example', 1],
  );
});

test('the old log passes verify, and so does it with new v2 events appended after it', async ({ t }) => {
  // Opening the store may already have appended (policies reacting to old events): all of it verifies.
  const head = await t.platform.store.headPosition();
  assert.ok(head >= 21);
  const before = obj((await t.get('/audit/verify')).body);
  assert.equal([before.ok, before.checkedEvents, before.headPosition], [true, head, head]);
  const dana = await t.post('/people', { name: 'Dana Dev', email: 'Dana.Dev@Byte-Resellers.co.uk' });
  assert.is(dana.status, 201);
  // Emails stay unique across versions: the v1 reservation of Bob's address still holds.
  assert.is(
    at((await t.post('/people', { name: 'Bob Again', email: 'bob@BYTE-resellers.co.uk' })).body, 'code'),
    'duplicate',
  );
  const partner = await t.post('/partners', {
    name: 'Edge Reseller',
    website: 'https://www.Edge.example',
    country: 'FR',
    region: 'emea',
    type: 'reseller',
    parentPartnerId: ids.acme,
  });
  assert.is(partner.status, 201, JSON.stringify(partner.body));
  const stored = withDb(t.databaseFile, (db) =>
    db
      .prepare(
        `SELECT type, schema_version, data FROM events
         WHERE position > ? AND type IN ('PersonRegistered', 'PartnerApplied') ORDER BY position`,
      )
      .all(head),
  ) as { type: string; schema_version: number; data: string }[];
  assert.equal(
    stored.map((r) => [r.type, r.schema_version]),
    [
      ['PersonRegistered', 2],
      ['PartnerApplied', 2],
    ],
  );
  assert.is(JSON.parse(stored[0].data).email, 'dana.dev@byte-resellers.co.uk');
  assert.is(JSON.parse(stored[1].data).domain, 'edge.example');
  const after = obj((await t.get('/audit/verify')).body);
  assert.is(after.ok, true, JSON.stringify(after));
  assert.ok(num(after.headPosition) > head);
});

test.run();
