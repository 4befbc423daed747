/**
 * Leads over HTTP (DESIGN §13): who sees which lead (404 for everyone else, a partner never learns of
 * another partner's), bad input, the channel's acceptance settings on a manual clock, the dashboard's
 * scope, and what a partner sees of a lead's history.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { leadAcceptanceSweeper } from '../../app/sweepers/index.js';
import { at, list, str } from '../support/json.js';
import { must } from '../support/must.js';
import { startTestApp, type Response, type TestApp } from '../support/testApp.js';
import { expectProblem, expectStatus, refused } from './fixtures.js';
import { leadBody, leadOf, leadWorld, registerLead, type LeadWorld } from './leadFixtures.js';

const test = suite<{ t: TestApp; w: LeadWorld }>('leads over HTTP');
test.before.each(async (ctx) => {
  ctx.t = await startTestApp();
  ctx.w = await leadWorld(ctx.t);
});
test.after.each(async (ctx) => ctx.t?.dispose());

const HOUR = 3_600_000;
const ids = (r: Response) =>
  list(r.body, 'items')
    .map((i) => str(i, 'id'))
    .sort();

test('who sees which lead: vendor readers all, managers their region, the holder its own, reps theirs', async ({
  t,
  w,
}) => {
  const emeaLead = await registerLead(t, w.as(w.emeaManager));
  const apacLead = await registerLead(t, w.as(w.apacManager), { region: 'apac' });
  expectStatus(await t.post(`/leads/${emeaLead}/assign`, { partnerId: w.a.id }, w.as(w.emeaManager)), 200);
  expectStatus(await t.post(`/leads/${apacLead}/route`, {}, w.as(w.apacManager)), 200);
  assert.equal(ids(await t.get('/leads', w.as(w.analyst))), [emeaLead, apacLead].sort());
  assert.equal(ids(await t.get('/leads', w.as(w.emeaManager))), [emeaLead]);
  assert.equal(ids(await t.get('/leads', w.as(w.a.admin))), [emeaLead]);
  assert.equal(ids(await t.get('/leads', w.as(w.a.manager))), [emeaLead]);
  assert.equal(ids(await t.get('/leads', w.as(w.a.seller))), [], 'a sales rep sees only leads they converted');
  assert.equal(ids(await t.get('/leads', w.as(w.b.admin))), []);
  assert.equal(ids(await t.get('/leads', w.as(w.apac.admin))), [apacLead]);
  for (const as of [w.b.admin, w.apacManager, w.a.seller, w.apac.admin])
    expectProblem(await t.get(`/leads/${emeaLead}`, w.as(as)), 404, 'not_found');
  // A partner sees its own offer, not who else was offered the lead nor the routing decision.
  expectStatus(await t.post(`/leads/${emeaLead}/decline`, { reason: 'no capacity' }, w.as(w.a.admin)), 200);
  expectProblem(await t.get(`/leads/${emeaLead}`, w.as(w.a.admin)), 404, 'not_found');
  expectStatus(await t.post(`/leads/${emeaLead}/route`, {}, w.as(w.emeaManager)), 200);
  const holder = str(await leadOf(t, emeaLead), 'partnerId');
  const holderPartner = must(
    [w.b, w.c].find((p) => p.id === holder),
    'the new holder',
  );
  const admin = holderPartner.admin;
  const seen = await leadOf(t, emeaLead, w.as(admin));
  assert.equal(
    list(seen, 'assignments').map((a) => at(a, 'partnerId')),
    [holder],
  );
  assert.is(at(seen, 'assignments', 0, 'routing'), undefined);
  assert.is(at(seen, 'assignmentCount'), null);
  const full = await leadOf(t, emeaLead, w.as(w.emeaManager));
  assert.equal(
    list(full, 'assignments').map((a) => at(a, 'outcome')),
    ['declined', null],
  );
  // The rep who converts it sees it from then on.
  expectStatus(await t.post(`/leads/${emeaLead}/accept`, {}, w.as(admin)), 200);
  const rep = holderPartner.manager;
  expectStatus(
    await t.post(
      `/leads/${emeaLead}/convert`,
      { expectedCloseDate: '2026-12-31', estimatedValue: { amountMinor: 1_000, currency: 'EUR' } },
      w.as(rep),
    ),
    201,
  );
  assert.is(at(await leadOf(t, emeaLead, w.as(rep)), 'status'), 'converted');
});

test('bad input is a 400 with field paths and changes nothing', async ({ t, w }) => {
  const lead = await registerLead(t);
  const cases: [string, unknown, string[]][] = [
    ['/leads', { ...leadBody(), region: 'EMEA' }, ['region']],
    ['/leads', { ...leadBody(), customer: { name: 'X', domain: '10.0.0.1', country: 'DE' } }, ['customer.domain']],
    ['/leads', { ...leadBody(), estimatedValue: { amountMinor: 0, currency: 'EUR' } }, ['estimatedValue.amountMinor']],
    ['/leads', { ...leadBody(), productLine: 'quantum' }, ['productLine']],
    ['/leads', { ...leadBody(), extra: 1 }, []],
    [`/leads/${lead}/assign`, { partnerId: 'nope' }, ['partnerId']],
    [`/leads/${lead}/decline`, {}, ['reason']],
    [`/leads/${lead}/convert`, { expectedCloseDate: '2026-02-30' }, ['expectedCloseDate', 'estimatedValue']],
    ['/leads/led_x/route', {}, []],
  ];
  for (const [url, body, paths] of cases)
    expectProblem(await refused(t, () => t.post(url, body)), 400, 'validation_failed', paths);
  const latam = await registerLead(t, undefined, { region: 'latam' });
  expectProblem(await refused(t, () => t.post(`/leads/${latam}/route`, {})), 409, 'no_eligible_partner');
  expectProblem(
    await refused(t, () => t.post(`/leads/${lead}/assign`, { partnerId: w.suspended.id })),
    409,
    'invalid_state',
  );
  expectProblem(
    await refused(t, () => t.post(`/leads/${lead}/assign`, { partnerId: 'ptr_unknown0001' })),
    404,
    'not_found',
  );
  // By hand the vendor may pass a lead to a partner the rule would not choose (not ready yet, say).
  expectStatus(await t.post(`/leads/${lead}/assign`, { partnerId: w.unready }), 200);
});

test('leadAcceptHours sets the deadline; without autoRouteLapsedLeads a lapsed lead waits for the vendor', async ({
  t,
  w,
}) => {
  expectStatus(await t.put('/channel/settings', { leadAcceptHours: 24, autoRouteLapsedLeads: false }), 200);
  const lead = await registerLead(t);
  expectStatus(await t.post(`/leads/${lead}/assign`, { partnerId: w.a.id }), 200);
  assert.is(at(await leadOf(t, lead), 'acceptBy'), new Date(t.clock.now().getTime() + 24 * HOUR).toISOString());
  t.clock.advance(23 * HOUR);
  assert.is((await leadAcceptanceSweeper(t.platform).sweep(t.clock.now())).changed, 0);
  t.clock.advance(HOUR);
  expectProblem(await t.post(`/leads/${lead}/accept`, {}, w.as(w.a.admin)), 409, 'invalid_state');
  assert.is(at(await leadOf(t, lead), 'acceptOverdue'), true);
  assert.equal(ids(await t.get('/leads?acceptOverdue=true')), [lead]);
  assert.is((await leadAcceptanceSweeper(t.platform).sweep(t.clock.now())).changed, 1);
  await t.platform.runner.waitFor(await t.eventCount());
  const lapsed = await leadOf(t, lead);
  assert.is(at(lapsed, 'status'), 'lapsed');
  assert.is(at(lapsed, 'partnerId'), null);
  expectProblem(await t.post(`/leads/${lead}/assign`, { partnerId: w.a.id }), 409, 'invalid_state');
  expectStatus(await t.post(`/leads/${lead}/assign`, { partnerId: w.b.id }), 200);
});

test('the leads dashboard: vendor staff only, a regional manager over their region', async ({ t, w }) => {
  const emea = await registerLead(t);
  const apac = await registerLead(t, undefined, { region: 'apac' });
  expectStatus(await t.post(`/leads/${emea}/route`, {}), 200);
  expectStatus(await t.post(`/leads/${apac}/route`, {}), 200);
  const all = expectStatus(await t.get('/dashboards/leads'), 200).body;
  assert.is(at(all, 'channel', 'assigned'), 2);
  assert.equal(
    list(all, 'regions').map((r) => at(r, 'region')),
    ['apac', 'emea'],
  );
  const mine = expectStatus(await t.get('/dashboards/leads', w.as(w.apacManager)), 200).body;
  assert.is(at(mine, 'channel', 'assigned'), 1);
  assert.equal(
    list(mine, 'regions').map((r) => at(r, 'region')),
    ['apac'],
  );
  assert.equal(
    list(mine, 'partners', 'items').map((p) => at(p, 'partnerId')),
    [w.apac.id],
  );
  assert.is(at(mine, 'partners', 'items', 0, 'name'), 'Apac Storage');
  expectProblem(await t.get('/dashboards/leads', w.as(w.a.admin)), 403, 'forbidden');
  expectProblem(await t.get('/dashboards/leads?period=2026-Q5'), 400, 'validation_failed', ['query.period']);
  const year = expectStatus(await t.get('/dashboards/leads?period=2026'), 200).body;
  assert.is(at(year, 'channel', 'assigned'), 2);
  assert.is(at(year, 'previousYearPeriod'), '2025');
});

test.run();
