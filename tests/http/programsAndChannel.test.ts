/**
 * Certification programs and channel settings over HTTP: definition within the channel's product
 * lines, retirement, the settings singleton with defaults, and how settings drive readiness.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { at, list, obj, str } from '../support/json.js';
import { startTestApp, type TestApp } from '../support/testApp.js';
import { activePartner, defineProgram, employee, expectProblem, expectStatus, refused } from './fixtures.js';

const test = suite<{ t: TestApp }>('HTTP: programs and channel settings');
test.before.each(async (ctx) => {
  ctx.t = await startTestApp();
});
test.after.each(async (ctx) => ctx.t?.dispose());

test('define answers 201; the program is listed and readable', async ({ t }) => {
  const r = expectStatus(
    await t.post('/programs', { name: 'Storage Associate', productLine: 'storage', validForDays: 365, points: 100 }),
    201,
  );
  assert.match(str(r.body, 'id'), /^prg_/);
  assert.is(at(r.body, 'streamId'), `program-${at(r.body, 'id')}`);
  const one = expectStatus(await t.get(`/programs/${at(r.body, 'id')}`), 200);
  assert.equal(
    { ...obj(one.body), definedAt: undefined },
    {
      id: at(r.body, 'id'),
      name: 'Storage Associate',
      productLine: 'storage',
      validForDays: 365,
      points: 100,
      status: 'active',
      definedAt: undefined,
    },
  );
  assert.is(one.headers.etag, '"1"');
  const programs = obj(expectStatus(await t.get('/programs'), 200).body);
  assert.equal(
    list(programs.items).map((p) => at(p, 'id')),
    [at(r.body, 'id')],
  );
});

test('a program must name one of the channel product lines: otherwise 400 at productLine', async ({ t }) => {
  expectProblem(
    await refused(t, () =>
      t.post('/programs', { name: 'Quantum', productLine: 'quantum', validForDays: 365, points: 1 }),
    ),
    400,
    'validation_failed',
    ['productLine'],
  );
});

test('retire: listed as retired and filtered by status; retiring again is 409, an unknown program 404', async ({
  t,
}) => {
  const kept = await defineProgram(t, 'compute');
  const retired = await defineProgram(t, 'storage');
  expectStatus(await t.post(`/programs/${retired}/retire`, {}), 200);
  expectProblem(await refused(t, () => t.post(`/programs/${retired}/retire`, {})), 409, 'invalid_state');
  expectProblem(await refused(t, () => t.post('/programs/prg_unknown00001/retire', {})), 404, 'not_found');
  assert.is(at(expectStatus(await t.get(`/programs/${retired}`), 200).body, 'status'), 'retired');
  const active = list(expectStatus(await t.get('/programs?status=active'), 200).body, 'items').map((p) => at(p, 'id'));
  const gone = list(expectStatus(await t.get('/programs?status=retired'), 200).body, 'items').map((p) => at(p, 'id'));
  assert.equal([active, gone], [[kept], [retired]]);
  expectProblem(await t.get('/programs/prg_unknown00001'), 404, 'not_found');
});

test('programs page by id without gaps', async ({ t }) => {
  const ids = [];
  for (let i = 0; i < 5; i++) ids.push(await defineProgram(t, 'services'));
  const first = obj(expectStatus(await t.get('/programs?limit=2'), 200).body);
  const second = obj(expectStatus(await t.get(`/programs?limit=2&cursor=${first.nextCursor}`), 200).body);
  const third = obj(expectStatus(await t.get(`/programs?limit=2&cursor=${second.nextCursor}`), 200).body);
  assert.is(third.nextCursor, null);
  assert.equal(
    [...list(first.items), ...list(second.items), ...list(third.items)].map((p) => at(p, 'id')),
    ids.sort(),
  );
});

test('channel settings: defaults before any change', async ({ t }) => {
  const settings = expectStatus(await t.get('/channel/settings'), 200).body;
  assert.equal(settings, {
    desiredPartnerCount: 100,
    quotaAttainmentThresholdPct: 50,
    dealProtectionDays: 90,
    maxDealExtensions: 2,
    minCertifiedForReady: 1,
    mdfClaimDays: 60,
    pointsPerWonAmountUnit: 0.01,
    pointsExpiryMonths: 24,
    productLines: ['storage', 'compute', 'network', 'software', 'services'],
    tierCriteria: {},
    leadAcceptHours: 48,
    autoRouteLapsedLeads: true,
  });
});

test('PUT any subset: changed keys only, the rest keep their values; repeating a change appends nothing', async ({
  t,
}) => {
  const r = expectStatus(await t.put('/channel/settings', { dealProtectionDays: 60, desiredPartnerCount: 250 }), 200);
  assert.equal(
    [at(r.body, 'id'), at(r.body, 'streamId'), at(r.body, 'version')],
    ['channel-settings', 'channel-settings', 1],
  );
  expectStatus(await t.put('/channel/settings', { maxDealExtensions: 3 }), 200);
  const settings = obj(expectStatus(await t.get('/channel/settings'), 200).body);
  assert.equal(
    [settings.dealProtectionDays, settings.desiredPartnerCount, settings.maxDealExtensions, settings.mdfClaimDays],
    [60, 250, 3, 60],
  );
  const again = await refused(t, () => t.put('/channel/settings', { dealProtectionDays: 60 }));
  assert.equal([again.status, at(again.body, 'version')], [200, 2]);
});

test('tier criteria merge per tier', async ({ t }) => {
  const gold = { minWonRevenue: { amountMinor: 100_000_00, currency: 'EUR' }, minCertifiedPeople: 2 };
  const platinum = { minWonRevenue: { amountMinor: 500_000_00, currency: 'EUR' }, minCertifiedPeople: 5 };
  expectStatus(await t.put('/channel/settings', { tierCriteria: { gold } }), 200);
  expectStatus(await t.put('/channel/settings', { tierCriteria: { platinum } }), 200);
  assert.equal(at(expectStatus(await t.get('/channel/settings'), 200).body, 'tierCriteria'), { gold, platinum });
});

test('new product lines admit new programs and show in readiness', async ({ t }) => {
  expectStatus(await t.put('/channel/settings', { productLines: ['storage', 'security'] }), 200);
  const program = await defineProgram(t, 'security');
  const partnerId = await activePartner(t);
  const { id } = await employee(t, partnerId);
  expectStatus(await t.post(`/people/${id}/certifications`, { programId: program }), 200);
  const partner = obj(expectStatus(await t.get(`/partners/${partnerId}`), 200).body);
  assert.equal(Object.keys(obj(partner, 'readiness')), ['storage', 'security']);
  assert.equal(partner.readyProductLines, ['security']);
  expectProblem(
    await refused(t, () =>
      t.post('/programs', { name: 'Compute', productLine: 'compute', validForDays: 365, points: 1 }),
    ),
    400,
    'validation_failed',
    ['productLine'],
  );
});

test('minCertifiedForReady decides readiness at query time', async ({ t }) => {
  const program = await defineProgram(t, 'storage');
  const partnerId = await activePartner(t);
  for (let i = 0; i < 2; i++) {
    const { id } = await employee(t, partnerId);
    expectStatus(await t.post(`/people/${id}/certifications`, { programId: program }), 200);
  }
  const readiness = async () =>
    at(expectStatus(await t.get(`/partners/${partnerId}`), 200).body, 'readiness', 'storage');
  assert.equal(await readiness(), { certified: 2, ready: true });
  expectStatus(await t.put('/channel/settings', { minCertifiedForReady: 3 }), 200);
  assert.equal(await readiness(), { certified: 2, ready: false });
});

test('only vendor admins define and retire programs or change settings', async ({ t }) => {
  const program = await defineProgram(t);
  const manager = at(expectStatus(await t.post('/people', { name: 'Cm', email: 'cm@vendor.example' }), 201).body, 'id');
  expectStatus(await t.post(`/people/${manager}/vendor-roles`, { role: 'channel_manager' }), 200);
  const token = t.tokenFor(str(manager));
  expectProblem(
    await refused(t, () =>
      t.post('/programs', { name: 'X', productLine: 'storage', validForDays: 1, points: 1 }, token),
    ),
    403,
    'forbidden',
  );
  expectProblem(await refused(t, () => t.post(`/programs/${program}/retire`, {}, token)), 403, 'forbidden');
  expectProblem(
    await refused(t, () => t.put('/channel/settings', { dealProtectionDays: 10 }, token)),
    403,
    'forbidden',
  );
  // Everyone authenticated reads settings and programs.
  expectStatus(await t.get('/channel/settings', token), 200);
  expectStatus(await t.get(`/programs/${program}`, token), 200);
});

test.run();
