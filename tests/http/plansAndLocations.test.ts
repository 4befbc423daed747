/**
 * Joint business plans and partner locations over HTTP (DESIGN §13): plans per partner and period
 * whose objectives are measured against the scorecard figures of their period, and locations with
 * the employees who named them, both in the partner view.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
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
  const plan = expectStatus(
    await t.post(`/partners/${partner}/plans`, { period: '2026', objectives, notes: 'Grow storage' }, emea.token),
    201,
  ).body.id;
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
  const won = expectStatus(await t.post('/deals', deal('first.com'), seller.token), 201).body.id;
  expectStatus(await t.post('/deals', deal('second.com'), seller.token), 201);
  expectStatus(await t.post(`/deals/${won}/approve`, {}), 200);
  expectStatus(
    await t.post(`/deals/${won}/won`, { amount: { amountMinor: 6_000_000, currency: 'EUR' }, closedAt: '2026-06-01' }),
    200,
  );
  expectStatus(await t.post(`/people/${seller.id}/certifications`, { programId: await defineProgram(t) }), 200);

  const plans = expectStatus(await t.get(`/partners/${partner}/plans`, admin.token), 200).body;
  assert.is(plans.items.length, 1);
  const [p] = plans.items;
  assert.is(p.id, plan);
  assert.is(p.status, 'running');
  const byKind = Object.fromEntries(p.objectives.map((o: { kind: string }) => [o.kind, o]));
  assert.equal(byKind.revenue.actual, { amountMinor: 6_000_000, currency: 'EUR' });
  assert.is(byKind.revenue.progressPct, 60);
  assert.is(byKind.revenue.onTrack, true, 'ahead of the share of the year gone');
  assert.equal([byKind.deals_registered.actual, byKind.deals_registered.met], [2, true]);
  assert.equal([byKind.new_customers.actual, byKind.new_customers.met], [1, false]);
  assert.equal([byKind.certified_people.actual, byKind.certified_people.met], [1, true]);

  const view = expectStatus(await t.get(`/partners/${partner}`, seller.token), 200).body;
  assert.equal(
    view.plans.map((x: { id: string }) => x.id),
    [plan],
  );
  expectStatus(
    await t.post(`/partners/${partner}/plans/${plan}/revise`, { objectives: [objectives[1]] }, emea.token),
    200,
  );
  const revised = expectStatus(await t.get(`/partners/${partner}/plans`), 200).body.items[0];
  assert.equal(
    revised.objectives.map((o: { kind: string }) => o.kind),
    ['deals_registered'],
  );

  const period = expectStatus(await t.get('/plans?period=2026', emea.token), 200).body;
  assert.equal(
    period.items.map((x: { id: string }) => x.id),
    [plan],
  );
  assert.equal(expectStatus(await t.get('/plans?period=2026', apac.token), 200).body.items, []);
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
    expectStatus(
      await t.post(
        `/partners/${partner}/locations`,
        { name, country: 'DE', city, ...(primary ? { primary } : {}) },
        admin.token,
      ),
      201,
    ).body.id as string;
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
    view.locations.map((l: { name: string; primary: boolean; status: string; employees: number }) => [
      l.name,
      l.primary,
      l.status,
      l.employees,
    ]),
    [
      ['Depot', true, 'open', 2],
      ['Head office', false, 'open', 0],
      ['Branch', false, 'closed', 0],
    ],
  );
  const staff = expectStatus(await t.get(`/partners/${partner}/employees`, admin.token), 200).body.items;
  assert.is(staff.find((e: { id: string }) => e.id === seller.id).locationId, depot);
  // Someone who leaves no longer counts at the location.
  expectStatus(await t.post(`/partners/${partner}/employees/${colleague.id}/leave`, {}), 200);
  const after = expectStatus(await t.get(`/partners/${partner}`), 200).body;
  assert.is(after.locations[0].employees, 1);
});

test.run();
