/**
 * `GET /analytics/<view>.csv`: a whole analytics view as CSV (header line = the declared columns, rows
 * in key order, RFC 4180 quoting, spreadsheet formulas defused), by its short, full or versioned name;
 * for vendor admins and analysts, `403` for everyone else, `404` problem+json for a view that does not exist.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { partnersV1 } from '../../projections/analytics/views/partnerViews.js';
import { str } from '../support/json.js';
import { startTestApp, type TestApp } from '../support/testApp.js';
import { activePartner, employee, expectProblem, expectStatus, vendorStaff } from './fixtures.js';

const test = suite<{ t: TestApp; ids: string[] }>('GET /analytics/<view>.csv');
test.before(async (ctx) => {
  ctx.t = await startTestApp();
  ctx.ids = [
    await activePartner(ctx.t, { name: 'Acme, "Best" Storage', website: 'https://acme-best.example' }),
    await activePartner(ctx.t, { name: '=HYPERLINK("https://evil.example")', website: 'https://evil.example' }),
    await activePartner(ctx.t, { name: 'Plain Partner', website: 'https://plain.example' }),
  ];
});
test.after(async (ctx) => ctx.t?.dispose());

const csv = async (t: TestApp, url: string, token?: string | null) => {
  const r = await t.get(url, token);
  return { ...r, text: typeof r.body === 'string' ? r.body : JSON.stringify(r.body) };
};

test('a view as CSV: the declared columns as header, one line per row in key order, quoted as RFC 4180 says', async ({
  t,
  ids,
}) => {
  const r = await csv(t, '/analytics/partners.csv');
  expectStatus(r, 200);
  assert.match(String(r.headers['content-type']), /^text\/csv; charset=utf-8/);
  assert.match(String(r.headers['content-disposition']), /filename="analytics_partners.csv"/);
  const lines = r.text.split('\r\n');
  assert.is(lines.pop(), '', 'every line ends with CRLF');
  assert.is(lines[0], Object.keys(partnersV1.columns).join(','));
  assert.is(lines.length, 1 + ids.length);
  const byId = (id: string) => lines.find((l) => l.startsWith(`${id},`)) ?? '';
  assert.ok(byId(ids[0]).startsWith(`${ids[0]},"Acme, ""Best"" Storage",https://acme-best.example,`), byId(ids[0]));
  // A name that a spreadsheet would run as a formula is shown as text.
  assert.ok(byId(ids[1]).startsWith(`${ids[1]},"'=HYPERLINK(""https://evil.example"")",`), byId(ids[1]));
  assert.equal(
    lines.slice(1).map((l) => l.split(',')[0]),
    [...ids].sort(),
    'in key order',
  );
});

test('the same view by its full and versioned names; the clock as one row', async ({ t }) => {
  const short = (await csv(t, '/analytics/partners.csv')).text;
  for (const name of ['analytics_partners', 'partners_v1', 'analytics_partners_v1'])
    assert.is((await csv(t, `/analytics/${name}.csv`)).text, short, name);
  const clock = (await csv(t, '/analytics/clock.csv')).text.split('\r\n');
  assert.is(clock.length, 3);
  assert.match(clock[1], /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z,/);
});

test('an unknown view or version is 404 problem+json naming the views', async ({ t }) => {
  for (const name of ['nope', 'deals_v9', 'events', 'deals;DROP TABLE deals', 'analytics_'])
    expectProblem(await t.get(`/analytics/${encodeURIComponent(name)}.csv`), 404, 'not_found');
  const r = await t.get('/analytics/nope.csv');
  assert.match(str(r.body, 'detail'), /channel_health/);
});

test('vendor admins and analysts only: channel managers, auditors and partner people 403, no token 401', async ({
  t,
  ids,
}) => {
  const analyst = await vendorStaff(t, 'analyst');
  const admin = await vendorStaff(t, 'vendor_admin');
  expectStatus(await t.get('/analytics/deals.csv', analyst.token), 200);
  expectStatus(await t.get('/analytics/deals.csv', admin.token), 200);
  for (const who of [
    await vendorStaff(t, 'channel_manager'),
    await vendorStaff(t, 'auditor'),
    await employee(t, ids[2], 'admin'),
  ])
    expectProblem(await t.get('/analytics/deals.csv', who.token), 403, 'forbidden');
  // Refused before the view is looked up: a partner person learns nothing of which views exist.
  expectProblem(await t.get('/analytics/nope.csv', (await employee(t, ids[2])).token), 403, 'forbidden');
  assert.is((await t.get('/analytics/deals.csv', null)).status, 401);
});

test.run();
