/**
 * Only auditors and vendor admins (the admin key included) reach /audit/*; other callers get 403,
 * unauthenticated ones 401. Every authenticated call, allowed or refused, lands in audit_access_log
 * with its actor, before its answer leaves.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { activePartner, employee, vendorStaff } from '../http/fixtures.js';
import { at, list, num } from '../support/json.js';
import { startTestApp, type TestApp } from '../support/testApp.js';

type Caller = { id: string; token: string };
const test = suite<{
  t: TestApp;
  auditor: Caller;
  admin: Caller;
  analyst: Caller;
  manager: Caller;
  partnerAdmin: Caller;
  partnerId: string;
}>('audit access');
test.before(async (ctx) => {
  const t = await startTestApp();
  ctx.t = t;
  ctx.auditor = await vendorStaff(t, 'auditor');
  ctx.admin = await vendorStaff(t, 'vendor_admin');
  ctx.analyst = await vendorStaff(t, 'analyst');
  ctx.manager = await vendorStaff(t, 'channel_manager');
  ctx.partnerId = await activePartner(t);
  ctx.partnerAdmin = await employee(t, ctx.partnerId, 'admin');
});
test.after(async (ctx) => ctx.t?.dispose());

const routes = (partnerId: string) => [
  '/audit/verify',
  '/audit/events?limit=5',
  `/audit/streams/partner-${partnerId}`,
  `/audit/streams/partner-${partnerId}/state?asOf=1`,
  '/audit/export',
  '/audit/access-log',
];

const logRows = (t: TestApp) =>
  t.platform.reader.all<{
    actor_kind: string;
    actor_id: string;
    route: string;
    url: string;
    status: number;
    method: string;
  }>('SELECT * FROM audit_access_log ORDER BY id');

test('auditors, vendor admins and the admin key reach every audit route', async ({ t, auditor, admin, partnerId }) => {
  for (const token of [auditor.token, admin.token, undefined]) {
    for (const url of routes(partnerId)) assert.is((await t.get(url, token)).status, 200, url);
  }
});

test('analysts, channel managers and partner users get 403; no token 401', async ({
  t,
  analyst,
  manager,
  partnerAdmin,
  partnerId,
}) => {
  for (const caller of [analyst, manager, partnerAdmin]) {
    for (const url of routes(partnerId)) {
      const r = await t.get(url, caller.token);
      assert.is(r.status, 403, `${url}: ${JSON.stringify(r.body)}`);
      assert.is(at(r.body, 'code'), 'forbidden');
    }
  }
  assert.is((await t.get('/audit/verify', null)).status, 401);
  // Refused before validation: a bad query from a non-auditor is still a 403, not a 400.
  assert.is((await t.get('/audit/events?limit=0', analyst.token)).status, 403);
});

test(
  'every call is logged with its actor, route and status, refusals included; ' + '401s have no actor and are not',
  async ({ t, auditor, analyst, partnerId }) => {
    const before = (await logRows(t)).length;
    await t.get('/audit/verify', null);
    await t.get(`/audit/streams/partner-${partnerId}/state?asOf=2`, auditor.token);
    await t.get('/audit/events?type=nope', auditor.token);
    await t.get('/audit/export', analyst.token);
    await t.get('/audit/verify');
    const rows = (await logRows(t)).slice(before);
    assert.equal(
      rows.map((r) => [r.actor_kind, r.actor_id, r.method, r.route, r.status]),
      [
        ['person', auditor.id, 'GET', '/audit/streams/:streamId/state', 200],
        ['person', auditor.id, 'GET', '/audit/events', 400],
        ['person', analyst.id, 'GET', '/audit/export', 403],
        ['admin-key', 'admin', 'GET', '/audit/verify', 200],
      ],
    );
    assert.is(rows[0].url, `/audit/streams/partner-${partnerId}/state?asOf=2`);
  },
);

test('auditors read the access log through the API, filtered by actor and paged', async ({ t, auditor, analyst }) => {
  await t.get('/audit/verify', analyst.token);
  const mine = await t.get(`/audit/access-log?actorId=${analyst.id}&limit=100`, auditor.token);
  assert.is(mine.status, 200);
  assert.ok(list(mine.body, 'items').length >= 2);
  assert.ok(list(mine.body, 'items').every((i) => at(i, 'actor', 'id') === analyst.id && at(i, 'status') === 403));
  const page = await t.get('/audit/access-log?limit=2', auditor.token);
  const next = await t.get(`/audit/access-log?limit=2&cursor=${at(page.body, 'nextCursor')}`, auditor.token);
  assert.ok(num(next.body, 'items', 0, 'id') > num(page.body, 'items', 1, 'id'));
  // Reading the log is itself logged.
  const last = (await logRows(t)).at(-1);
  assert.equal([last?.actor_id, last?.route], [auditor.id, '/audit/access-log']);
});

test('auditors still issue no commands', async ({ t, auditor, partnerId }) => {
  const before = await t.eventCount();
  assert.is((await t.post(`/partners/${partnerId}/suspend`, { reason: 'curious' }, auditor.token)).status, 403);
  assert.is(await t.eventCount(), before);
});

test.run();
