import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { at, str } from '../support/json.js';
import { startTestApp, type TestApp } from '../support/testApp.js';
import { startPostgres, type PostgresServer } from '../support/postgresServer.js';

/**
 * PRM_EVENT_STORE=postgres: the log in a real PostgreSQL server, read models in the local SQLite
 * file. The README journey works unchanged, and a rebuild from the PostgreSQL log equals the live
 * read models.
 */
const test = suite<{ pg: PostgresServer; t: TestApp }>('the log on PostgreSQL');
test.before(async (ctx) => {
  ctx.pg = await startPostgres();
  ctx.t = await startTestApp({ eventStore: { kind: 'postgres', url: ctx.pg.url } });
});
test.after(async (ctx) => {
  await ctx.t?.dispose();
  await ctx.pg?.stop();
});

test('a partner becomes ready to sell with every event in PostgreSQL', async ({ t, pg }) => {
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
  assert.is(
    (await t.post(`/partners/${id}/employees`, { personId: at(person.body, 'id'), role: 'sales' })).status,
    200,
  );
  const program = await t.post('/programs', {
    name: 'Compute Pro',
    productLine: 'compute',
    validForDays: 30,
    points: 0,
  });
  assert.is(
    (await t.post(`/people/${at(person.body, 'id')}/certifications`, { programId: at(program.body, 'id') })).status,
    200,
  );
  const view = await t.get(`/partners/${id}`);
  assert.equal(at(view.body, 'readyProductLines'), ['compute']);

  const { default: pgModule } = await import('pg');
  const client = new pgModule.Client({ connectionString: pg.url });
  await client.connect();
  const rows = await client.query('SELECT count(*)::int AS n FROM events');
  await client.end();
  assert.is(rows.rows[0].n, await t.eventCount());
  const sqliteEvents = await t.platform.reader.get<{ n: number }>('SELECT count(*) AS n FROM events');
  assert.is(Number(sqliteEvents?.n), 0, 'the SQLite file holds no events when the log is in PostgreSQL');

  // Raw-row audit routes read the SQLite file: they say so rather than verify an empty log.
  const verify = await t.get('/audit/verify');
  assert.is(verify.status, 501);
  assert.is(at(verify.body, 'code'), 'not_supported');
  const state = await t.get(`/audit/streams/partner-${id}/state`);
  assert.is(state.status, 200, JSON.stringify(state.body));

  const before = await t.platform.reader.all('SELECT * FROM partners ORDER BY partner_id');
  await t.platform.runner.rebuild();
  assert.equal(await t.platform.reader.all('SELECT * FROM partners ORDER BY partner_id'), before);
});

test.run();
