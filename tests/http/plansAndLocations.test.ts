/**
 * Joint business plans and partner locations over HTTP (DESIGN §13): plans per partner and period
 * whose objectives are measured against the scorecard figures of their period, and locations with
 * the employees who named them, both in the partner view.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { at, list, str } from '../support/json.js';
import { startTestApp, type TestApp } from '../support/testApp.js';
import { activePartner, defineProgram, employee, expectProblem, expectStatus, vendorStaff } from './fixtures.js';

const test = suite<{ t: TestApp }>('business plans and locations over HTTP');
test.before.each(async (ctx) => {
  ctx.t = await startTestApp();
});
test.after.each(async (ctx) => ctx.t?.dispose());

const objectives = [
  { kind: 'revenue', target: { amountMinor: 10_000_000, currency: 'EUR' } },
  { kind: 'deals_registered', target: 2 },
  { kind: 'new_customers', target: 2 },
  { kind: 'certified_people', target: 1 },
];

test("a plan's progress comes from the period's figures; the plan is in the partner view", async ({ t }) => {
  const partner = await activePartner(t, { name: 'Planful Reseller' });
  const seller = await employee(t, partner, 'sales');
  const admin = await employee(t, partner, 'admin');
  const emea = await vendorStaff(t, 'channel_manager', ['emea']);
  const apac = await vendorStaff(t, 'channel_manager', ['apac']);
  const plan = str(
    expectStatus(
      await t.post(`/partners/${partner}/plans`, { period: '2026', objectives, notes: 'Grow storage' }, emea.token),
      201,
    ).body,
    'id',
  );
  expectProblem(await t.post(`/partners/${partner}/plans`, { period: '2026', objectives }), 409, 'duplicate');
  expectProblem(
    await t.post(`/partners/${partner}/plans`, { period: '2026-Q2', objectives: [...objectives, objectives[1]] }),
    400,
    'validation_failed',
  );
  expectProblem(
    await t.post(`/partners/${partner}/plans`, { period: '2027', objectives }, apac.token),
    404,
    'not_found',
  );
  expectProblem(
    await t.post(`/partners/${partner}/plans`, { period: '2027', objectives }, admin.token),
    403,
    'forbidden',
  );

  // Two registrations, one won: 60,000 EUR from one new customer; one certified person.
  const deal = (domain: string) => ({
    partnerId: partner,
    customer: { name: domain, domain, country: 'DE' },
    productLine: 'storage',
    estimatedValue: { amountMinor: 6_000_000, currency: 'EUR' },
    expectedCloseDate: '2026-09-30',
  });
  const won = str(expectStatus(await t.post('/deals', deal('first.com'), seller.token), 201).body, 'id');
  expectStatus(await t.post('/deals', deal('second.com'), seller.token), 201);
  expectStatus(await t.post(`/deals/${won}/approve`, {}), 200);
  expectStatus(
    await t.post(`/deals/${won}/won`, { amount: { amountMinor: 6_000_000, currency: 'EUR' }, closedAt: '2026-06-01' }),
    200,
  );
  expectStatus(await t.post(`/people/${seller.id}/certifications`, { programId: await defineProgram(t) }), 200);

  const plans = expectStatus(await t.get(`/partners/${partner}/plans`, admin.token), 200).body;
  assert.is(list(plans, 'items').length, 1);
  const p = at(plans, 'items', 0);
  assert.is(at(p, 'id'), plan);
  assert.is(at(p, 'status'), 'running');
  const byKind = new Map(list(p, 'objectives').map((o) => [str(o, 'kind'), o]));
  const of = (kind: string, field: string) => at(byKind.get(kind), field);
  assert.equal(of('revenue', 'actual'), { amountMinor: 6_000_000, currency: 'EUR' });
  assert.is(of('revenue', 'progressPct'), 60);
  assert.is(of('revenue', 'onTrack'), true, 'ahead of the share of the year gone');
  assert.equal([of('deals_registered', 'actual'), of('deals_registered', 'met')], [2, true]);
  assert.equal([of('new_customers', 'actual'), of('new_customers', 'met')], [1, false]);
  assert.equal([of('certified_people', 'actual'), of('certified_people', 'met')], [1, true]);

  const view = expectStatus(await t.get(`/partners/${partner}`, seller.token), 200).body;
  assert.equal(
    list(view, 'plans').map((x) => at(x, 'id')),
    [plan],
  );
  expectStatus(
    await t.post(`/partners/${partner}/plans/${plan}/revise`, { objectives: [objectives[1]] }, emea.token),
    200,
  );
  const revised = at(expectStatus(await t.get(`/partners/${partner}/plans`), 200).body, 'items', 0);
  assert.equal(
    list(revised, 'objectives').map((o) => at(o, 'kind')),
    ['deals_registered'],
  );

  const period = expectStatus(await t.get('/plans?period=2026', emea.token), 200).body;
  assert.equal(
    list(period, 'items').map((x) => at(x, 'id')),
    [plan],
  );
  assert.equal(at(expectStatus(await t.get('/plans?period=2026', apac.token), 200).body, 'items'), []);
  expectProblem(await t.get('/plans?period=2026', admin.token), 403, 'forbidden');
  const outsider = await employee(
    t,
    await activePartner(t, { name: 'Other', website: 'https://other.example' }),
    'admin',
  );
  expectProblem(await t.get(`/partners/${partner}/plans`, outsider.token), 404, 'not_found');
});

test('locations: a new primary demotes the old one; employees name theirs; closed ones sink', async ({ t }) => {
  const partner = await activePartner(t, { name: 'Distributed Distributor', type: 'distributor' });
  const admin = await employee(t, partner, 'admin');
  const seller = await employee(t, partner, 'sales');
  const colleague = await employee(t, partner, 'technical');
  const open = async (name: string, city: string, primary?: boolean) =>
    str(
      expectStatus(
        await t.post(
          `/partners/${partner}/locations`,
          { name, country: 'DE', city, ...(primary ? { primary } : {}) },
          admin.token,
        ),
        201,
      ).body,
      'id',
    );
  const hq = await open('Head office', 'Berlin', true);
  const depot = await open('Depot', 'Hamburg', true);
  const branch = await open('Branch', 'Munich');
  expectProblem(
    await t.post(`/partners/${partner}/locations`, { name: 'Depot', country: 'DE', city: 'X' }),
    409,
    'duplicate',
  );
  expectProblem(
    await t.post(`/partners/${partner}/locations`, { name: 'Shop', country: 'XX', city: 'X' }),
    400,
    'validation_failed',
    ['country'],
  );
  const name = (as: string, personId: string, locationId: string) =>
    t.post(`/partners/${partner}/employees/${personId}/location`, { locationId }, as);
  expectStatus(await name(seller.token, seller.id, depot), 200);
  expectStatus(await name(admin.token, colleague.id, depot), 200);
  expectProblem(await name(seller.token, colleague.id, hq), 403, 'forbidden');
  expectStatus(
    await t.post(`/partners/${partner}/locations/${branch}/close`, { reason: 'lease ended' }, admin.token),
    200,
  );
  expectProblem(await t.post(`/partners/${partner}/locations/${branch}/close`, {}, admin.token), 409, 'invalid_state');

  const view = expectStatus(await t.get(`/partners/${partner}`, seller.token), 200).body;
  assert.equal(
    list(view, 'locations').map((l) => [at(l, 'name'), at(l, 'primary'), at(l, 'status'), at(l, 'employees')]),
    [
      ['Depot', true, 'open', 2],
      ['Head office', false, 'open', 0],
      ['Branch', false, 'closed', 0],
    ],
  );
  const staff = list(expectStatus(await t.get(`/partners/${partner}/employees`, admin.token), 200).body, 'items');
  assert.is(
    at(
      staff.find((e) => at(e, 'id') === seller.id),
      'locationId',
    ),
    depot,
  );
  // Someone who leaves no longer counts at the location.
  expectStatus(await t.post(`/partners/${partner}/employees/${colleague.id}/leave`, {}), 200);
  const after = expectStatus(await t.get(`/partners/${partner}`), 200).body;
  assert.is(at(after, 'locations', 0, 'employees'), 1);
});

test.run();
