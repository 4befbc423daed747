import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { tables } from '../../projections/readModels/database.js';
import { freshDatabase, startClusterTestApp, type ClusterTestApp } from '../support/clusterTestApp.js';
import { at, list, str } from '../support/json.js';
import { startPostgres, type PostgresServer } from '../support/postgresServer.js';

/**
 * PRM_DATABASE_URL: the README journey on one node of a cluster, everything in PostgreSQL. Read models
 * are the declared tables with JSON in jsonb, the audit routes serve the PostgreSQL log, and a rebuild
 * equals the live read models.
 */
const test = suite<{ pg: PostgresServer; t: ClusterTestApp }>('cluster mode: one node on PostgreSQL');
test.before(async (ctx) => {
  ctx.pg = await startPostgres();
  ctx.t = await startClusterTestApp(await freshDatabase(ctx.pg));
});
test.after(async (ctx) => {
  await ctx.t?.dispose();
  await ctx.pg?.stop();
});

/** Every read-model table's rows, in a stable order (all columns). */
const snapshot = async (t: ClusterTestApp) => {
  const out: Record<string, unknown[]> = {};
  for (const [name, table] of Object.entries(tables)) {
    if (name === 'projection_checkpoints' || name === 'policy_checkpoints' || name === 'audit_access_log') continue;
    if (name === 'idempotency_keys') continue;
    out[name] = await t.platform.reader.all(`SELECT * FROM ${name} ORDER BY ${table.primaryKey.join(', ')}`);
  }
  return out;
};

test('a partner becomes ready to sell, a departed sales rep loses it, with everything in PostgreSQL', async ({ t }) => {
  const partner = await t.post('/partners', {
    name: 'Acme',
    website: 'https://acme.example',
    country: 'DE',
    region: 'emea',
    type: 'reseller',
  });
  assert.is(partner.status, 201, JSON.stringify(partner.body));
  const id = str(partner.body, 'id');
  assert.is((await t.post(`/partners/${id}/approve`, { tier: 'gold' })).status, 200);
  assert.is((await t.post(`/partners/${id}/agreements`, { agreementVersion: '1', signedBy: 'Jo' })).status, 200);
  const person = await t.post('/people', { name: 'Bo', email: 'bo@acme.example' });
  const bo = str(person.body, 'id');
  assert.is((await t.post(`/partners/${id}/employees`, { personId: bo, role: 'sales' })).status, 200);
  const program = await t.post('/programs', {
    name: 'Compute Pro',
    productLine: 'compute',
    validForDays: 30,
    points: 0,
  });
  assert.is((await t.post(`/people/${bo}/certifications`, { programId: at(program.body, 'id') })).status, 200);
  const view = await t.get(`/partners/${id}`);
  assert.equal(at(view.body, 'readyProductLines'), ['compute']);
  assert.equal(at(view.body, 'certifiedPeople'), 1);

  const token = t.tokenFor(bo);
  assert.is((await t.get(`/partners/${id}`, token)).status, 200);
  assert.is((await t.post(`/partners/${id}/employees/${bo}/leave`, {})).status, 200);
  assert.is((await t.get(`/partners/${id}`, token)).status, 404, 'a departed sales rep sees nothing of the partner');
});

test('JSON columns are jsonb, text compares byte-wise, integers are 64-bit', async ({ t }) => {
  const types = await t.platform.reader.all<{ table_name: string; column_name: string; data_type: string }>(
    `SELECT table_name, column_name, data_type FROM information_schema.columns
     WHERE table_schema = current_schema() AND column_name IN ('vendor_roles', 'audience', 'proof', 'line_expiries')
     ORDER BY table_name, column_name`,
  );
  assert.ok(types.length >= 5);
  for (const c of types) assert.is(c.data_type, 'jsonb', `${c.table_name}.${c.column_name}`);
  const roles = await t.platform.reader.get<{ n: number }>(
    `SELECT count(*) AS n FROM people WHERE jsonb_typeof(vendor_roles) = 'array'`,
  );
  assert.ok(Number(roles?.n) >= 1);
  const collation = await t.platform.reader.get<{ c: string }>(
    `SELECT collation_name AS c FROM information_schema.columns WHERE table_name = 'partners' AND column_name = 'name'`,
  );
  assert.is(collation?.c, 'C');
});

test('the audit routes read the PostgreSQL log: events, streams, verify', async ({ t }) => {
  const head = await t.eventCount();
  const verify = await t.get('/audit/verify');
  assert.is(verify.status, 200, JSON.stringify(verify.body));
  assert.is(at(verify.body, 'ok'), true);
  assert.is(at(verify.body, 'headPosition'), head);
  const events = await t.get('/audit/events?limit=3&type=PartnerApplied');
  assert.is(events.status, 200, JSON.stringify(events.body));
  assert.is(list(events.body, 'items').length, 1);
  const streamId = str(events.body, 'items', 0, 'streamId');
  const stream = await t.get(`/audit/streams/${streamId}`);
  assert.is(stream.status, 200);
  assert.ok(list(stream.body, 'items').length >= 3);
  const byActor = await t.get('/audit/events?actorId=admin&limit=500');
  assert.is(byActor.status, 200, JSON.stringify(byActor.body));
  assert.ok(list(byActor.body, 'items').length > 0);
  const log = await t.get('/audit/access-log');
  assert.is(log.status, 200);
  assert.ok(list(log.body, 'items').length >= 4, 'the audit access log is in PostgreSQL too');
});

test('a rebuild from the log equals the live read models', async ({ t }) => {
  const before = await snapshot(t);
  await t.platform.runner.rebuild();
  assert.equal(await snapshot(t), before);
});

test.run();
