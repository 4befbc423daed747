/**
 * Who may do what (DESIGN §6): a wrong role is 403 when the caller may see the resource, and
 * anything the caller may not see is 404 (existence never leaks). Access follows the principal
 * as it is now: a person who leaves, or whose partner is suspended, loses access on the next request.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { at, list, obj } from '../support/json.js';
import { startTestApp, type TestApp } from '../support/testApp.js';
import {
  activePartner,
  applyPartner,
  defineProgram,
  employee,
  expectProblem,
  expectStatus,
  partnerBody,
  refused,
  registerPerson,
  vendorStaff,
} from './fixtures.js';

const test = suite<{ t: TestApp }>('HTTP: roles and visibility');
test.before.each(async (ctx) => {
  ctx.t = await startTestApp();
});
test.after.each(async (ctx) => ctx.t?.dispose());

/** One valid request per command route, aimed at real targets, for callers who must not issue them. */
const everyCommand = async (t: TestApp) => {
  const partner = await activePartner(t);
  const applicant = await applyPartner(t);
  const person = await registerPerson(t);
  const worker = await employee(t, partner, 'sales');
  const program = await defineProgram(t);
  expectStatus(await t.post(`/people/${worker.id}/certifications`, { programId: program }), 200);
  return [
    ['POST', '/partners', partnerBody()],
    ['POST', `/partners/${applicant}/approve`, { tier: 'gold' }],
    ['POST', `/partners/${applicant}/reject`, { reason: 'no' }],
    ['POST', `/partners/${partner}/agreements`, { agreementVersion: '2', signedBy: 'Jane Doe' }],
    ['POST', `/partners/${partner}/tier`, { tier: 'gold', reason: 'x' }],
    ['POST', `/partners/${partner}/region`, { region: 'apac' }],
    ['POST', `/partners/${partner}/channel-manager`, { personId: person }],
    ['POST', `/partners/${partner}/quotas`, { period: '2026-Q3', amount: { amountMinor: 1, currency: 'EUR' } }],
    ['POST', `/partners/${partner}/suspend`, { reason: 'x' }],
    ['POST', `/partners/${partner}/reinstate`, {}],
    ['POST', `/partners/${partner}/terminate`, { reason: 'x' }],
    ['POST', '/people', { name: 'New Person', email: 'new.person@example.com' }],
    ['POST', `/people/${person}/vendor-roles`, { role: 'analyst' }],
    ['POST', `/people/${person}/vendor-roles/analyst/revoke`, {}],
    ['POST', `/partners/${partner}/employees`, { personId: person, role: 'sales' }],
    ['POST', `/partners/${partner}/employees/${worker.id}/role`, { role: 'admin' }],
    ['POST', `/partners/${partner}/employees/${worker.id}/leave`, {}],
    ['POST', '/programs', { name: 'P', productLine: 'storage', validForDays: 10, points: 1 }],
    ['POST', `/programs/${program}/retire`, {}],
    ['POST', `/people/${worker.id}/certifications`, { programId: program }],
    ['POST', `/people/${worker.id}/certifications/${program}/renew`, {}],
    ['POST', `/people/${worker.id}/certifications/${program}/revoke`, { reason: 'x' }],
    ['PUT', '/channel/settings', { dealProtectionDays: 12 }],
  ] as const;
};

test('auditors and analysts read everything and issue no command at all (403, nothing appended)', async ({ t }) => {
  const commands = await everyCommand(t);
  for (const role of ['auditor', 'analyst']) {
    const { token } = await vendorStaff(t, role);
    for (const [method, url, body] of commands)
      expectProblem(await refused(t, () => t.request(method, url, body, token)), 403, 'forbidden');
    assert.ok(list(expectStatus(await t.get('/partners', token), 200).body, 'items').length >= 2);
  }
});

test('a partner sales person sees their partner but may not approve, tier, or add people to it (403)', async ({
  t,
}) => {
  const partner = await activePartner(t);
  const sales = await employee(t, partner, 'sales');
  const other = await registerPerson(t);
  expectStatus(await t.get(`/partners/${partner}`, sales.token), 200);
  expectProblem(
    await refused(t, () => t.post(`/partners/${partner}/approve`, { tier: 'gold' }, sales.token)),
    403,
    'forbidden',
  );
  expectProblem(
    await refused(t, () => t.post(`/partners/${partner}/tier`, { tier: 'gold', reason: 'self-service' }, sales.token)),
    403,
    'forbidden',
  );
  expectProblem(
    await refused(t, () => t.post(`/partners/${partner}/employees`, { personId: other, role: 'sales' }, sales.token)),
    403,
    'forbidden',
  );
  expectProblem(
    await refused(t, () => t.post('/people', { name: 'Friend', email: 'friend@example.com' }, sales.token)),
    403,
    'forbidden',
  );
});

test("a partner admin manages their own people and signs their own agreement, but not the partner's status", async ({
  t,
}) => {
  const partner = await activePartner(t);
  const admin = await employee(t, partner, 'admin');
  const recruit = at(
    expectStatus(await t.post('/people', { name: 'Recruit', email: 'recruit@example.com' }, admin.token), 201).body,
    'id',
  );
  expectStatus(await t.post(`/partners/${partner}/employees`, { personId: recruit, role: 'sales' }, admin.token), 200);
  expectStatus(await t.post(`/partners/${partner}/employees/${recruit}/role`, { role: 'technical' }, admin.token), 200);
  expectStatus(
    await t.post(`/partners/${partner}/agreements`, { agreementVersion: '2027.1', signedBy: 'Ann Admin' }, admin.token),
    200,
  );
  expectProblem(
    await refused(t, () => t.post(`/partners/${partner}/suspend`, { reason: 'x' }, admin.token)),
    403,
    'forbidden',
  );
  expectStatus(await t.post(`/partners/${partner}/employees/${recruit}/leave`, {}, admin.token), 200);
});

test(
  'a channel manager acts in their regions: ' + 'elsewhere onboarding is 403 and existing partners are invisible (404)',
  async ({ t }) => {
    const emea = await applyPartner(t, { region: 'emea' });
    const apac = await applyPartner(t, { region: 'apac' });
    const manager = await vendorStaff(t, 'channel_manager', ['emea']);
    expectStatus(await t.post(`/partners/${emea}/approve`, { tier: 'gold' }, manager.token), 200);
    expectStatus(await t.post('/partners', partnerBody({ region: 'emea' }), manager.token), 201);
    expectProblem(
      await refused(t, () => t.post('/partners', partnerBody({ region: 'apac' }), manager.token)),
      403,
      'forbidden',
    );
    expectProblem(
      await refused(t, () => t.post(`/partners/${apac}/approve`, { tier: 'gold' }, manager.token)),
      404,
      'not_found',
    );
    expectProblem(await t.get(`/partners/${apac}`, manager.token), 404, 'not_found');
    const listed = list(expectStatus(await t.get('/partners', manager.token), 200).body, 'items').map((p) =>
      at(p, 'region'),
    );
    assert.ok(listed.length === 2 && listed.every((r) => r === 'emea'), JSON.stringify(listed));
    // Only vendor admins terminate or assign channel managers, even in the manager's own region.
    expectProblem(
      await refused(t, () => t.post(`/partners/${emea}/terminate`, { reason: 'x' }, manager.token)),
      403,
      'forbidden',
    );
    expectProblem(
      await refused(t, () => t.post(`/partners/${emea}/channel-manager`, { personId: manager.id }, manager.token)),
      403,
      'forbidden',
    );
  },
);

test('a channel manager assigned to a partner outside their regions manages it', async ({ t }) => {
  const apac = await applyPartner(t, { region: 'apac' });
  const manager = await vendorStaff(t, 'channel_manager', ['emea']);
  expectProblem(await t.get(`/partners/${apac}`, manager.token), 404, 'not_found');
  expectStatus(await t.post(`/partners/${apac}/channel-manager`, { personId: manager.id }), 200);
  expectStatus(await t.post(`/partners/${apac}/approve`, { tier: 'silver' }, manager.token), 200);
  expectStatus(await t.get(`/partners/${apac}`, manager.token), 200);
});

test("another partner's resources do not exist for a partner user (404): partner, employees, people, commands", async ({
  t,
}) => {
  const a = await activePartner(t, { name: 'Partner A' });
  const b = await activePartner(t, { name: 'Partner B' });
  const ofA = await employee(t, a, 'admin');
  const ofB = await employee(t, b, 'admin');
  expectProblem(await t.get(`/partners/${a}`, ofB.token), 404, 'not_found');
  expectProblem(await t.get(`/partners/${a}/employees`, ofB.token), 404, 'not_found');
  expectProblem(await t.get(`/people/${ofA.id}`, ofB.token), 404, 'not_found');
  assert.equal(
    list(expectStatus(await t.get('/partners', ofB.token), 200).body, 'items').map((p) => at(p, 'id')),
    [b],
  );
  const stranger = await registerPerson(t);
  expectProblem(
    await refused(t, () => t.post(`/partners/${a}/employees`, { personId: stranger, role: 'sales' }, ofB.token)),
    404,
    'not_found',
  );
  expectProblem(
    await refused(t, () => t.post(`/partners/${a}/employees/${ofA.id}/leave`, {}, ofB.token)),
    404,
    'not_found',
  );
  expectProblem(
    await refused(t, () => t.post(`/partners/${a}/agreements`, { agreementVersion: '9', signedBy: 'B' }, ofB.token)),
    404,
    'not_found',
  );
  expectProblem(
    await refused(t, () => t.post(`/people/${ofA.id}/certifications`, { programId: 'prg_unknown00001' }, ofB.token)),
    404,
    'not_found',
  );
  // The same requests for an id that does not exist at all answer exactly the same way.
  expectProblem(await t.get('/partners/ptr_doesnotexist', ofB.token), 404, 'not_found');
  expectProblem(await t.get('/people/per_doesnotexist', ofB.token), 404, 'not_found');
});

test('colleagues see each other; people without an employer are visible only to themselves and vendor readers', async ({
  t,
}) => {
  const a = await activePartner(t);
  const one = await employee(t, a, 'sales');
  const two = await employee(t, a, 'technical');
  expectStatus(await t.get(`/people/${two.id}`, one.token), 200);
  const loner = await registerPerson(t);
  expectStatus(await t.get(`/people/${loner}`, t.tokenFor(loner)), 200);
  expectProblem(await t.get(`/people/${loner}`, one.token), 404, 'not_found');
  expectStatus(await t.get(`/people/${loner}`, (await vendorStaff(t, 'analyst')).token), 200);
});

test('a person who leaves loses the former partner on the very next request, with the same token', async ({ t }) => {
  const a = await activePartner(t);
  const leaver = await employee(t, a, 'admin');
  const colleague = await employee(t, a, 'sales');
  expectStatus(await t.get(`/partners/${a}`, leaver.token), 200);
  expectStatus(await t.get(`/people/${colleague.id}`, leaver.token), 200);
  expectStatus(await t.post(`/partners/${a}/employees/${leaver.id}/leave`, { reason: 'new job' }), 200);
  expectProblem(await t.get(`/partners/${a}`, leaver.token), 404, 'not_found');
  expectProblem(await t.get(`/partners/${a}/employees`, leaver.token), 404, 'not_found');
  expectProblem(await t.get(`/people/${colleague.id}`, leaver.token), 404, 'not_found');
  assert.equal(at(expectStatus(await t.get('/partners', leaver.token), 200).body, 'items'), []);
  const recruit = await registerPerson(t);
  expectProblem(
    await refused(t, () => t.post(`/partners/${a}/employees`, { personId: recruit, role: 'sales' }, leaver.token)),
    404,
    'not_found',
  );
  const me = obj(expectStatus(await t.get('/me', leaver.token), 200).body);
  assert.equal([at(me.principal, 'employer'), at(me.profile, 'employer')], [undefined, null]);
});

test('a revoked vendor role stops working on the next request', async ({ t }) => {
  const partner = await activePartner(t);
  const manager = await vendorStaff(t, 'channel_manager');
  expectStatus(await t.get(`/partners/${partner}`, manager.token), 200);
  expectStatus(await t.post(`/people/${manager.id}/vendor-roles/channel_manager/revoke`, {}), 200);
  expectProblem(await t.get(`/partners/${partner}`, manager.token), 404, 'not_found');
  expectProblem(
    await refused(t, () => t.post(`/partners/${partner}/tier`, { tier: 'gold', reason: 'x' }, manager.token)),
    404,
    'not_found',
  );
  expectProblem(await refused(t, () => t.post('/partners', partnerBody(), manager.token)), 403, 'forbidden');
});

test('a person of a suspended partner sees only their own profile until it is reinstated', async ({ t }) => {
  const a = await activePartner(t);
  const admin = await employee(t, a, 'admin');
  const colleague = await employee(t, a, 'sales');
  expectStatus(await t.post(`/partners/${a}/suspend`, { reason: 'audit' }), 200);
  expectProblem(await t.get(`/partners/${a}`, admin.token), 404, 'not_found');
  expectProblem(await t.get(`/partners/${a}/employees`, admin.token), 404, 'not_found');
  expectProblem(await t.get(`/people/${colleague.id}`, admin.token), 404, 'not_found');
  assert.equal(at(expectStatus(await t.get('/partners', admin.token), 200).body, 'items'), []);
  expectStatus(await t.get(`/people/${admin.id}`, admin.token), 200);
  assert.is(at(expectStatus(await t.get('/me', admin.token), 200).body, 'profile', 'id'), admin.id);
  expectProblem(
    await refused(t, () => t.post(`/partners/${a}/employees/${colleague.id}/role`, { role: 'admin' }, admin.token)),
    404,
    'not_found',
  );
  expectStatus(await t.post(`/partners/${a}/reinstate`, {}), 200);
  expectStatus(await t.get(`/partners/${a}`, admin.token), 200);
});

test('a person of a suspended partner may still leave it themselves, and only themselves', async ({ t }) => {
  const a = await activePartner(t);
  const leaver = await employee(t, a, 'sales');
  const colleague = await employee(t, a, 'sales');
  expectStatus(await t.post(`/partners/${a}/suspend`, { reason: 'audit' }), 200);
  expectProblem(
    await refused(t, () => t.post(`/partners/${a}/employees/${colleague.id}/leave`, {}, leaver.token)),
    404,
    'not_found',
  );
  expectStatus(await t.post(`/partners/${a}/employees/${leaver.id}/leave`, { reason: 'moving on' }, leaver.token), 200);
  assert.is(at(expectStatus(await t.get('/me', leaver.token), 200).body, 'profile', 'employer'), null);
  const other = await activePartner(t, { name: 'Other Ltd' });
  expectProblem(
    await refused(t, () => t.post(`/partners/${other}/employees/${leaver.id}/leave`, {}, leaver.token)),
    404,
    'not_found',
  );
});

test('a person holding vendor_admin may do what the admin key does', async ({ t }) => {
  const admin = await vendorStaff(t, 'vendor_admin');
  const id = at(expectStatus(await t.post('/partners', partnerBody({ region: 'latam' }), admin.token), 201).body, 'id');
  expectStatus(await t.post(`/partners/${id}/approve`, { tier: 'gold' }, admin.token), 200);
  expectStatus(await t.post(`/partners/${id}/terminate`, { reason: 'test' }, admin.token), 200);
  expectStatus(await t.put('/channel/settings', { desiredPartnerCount: 7 }, admin.token), 200);
  const events = [];
  for await (const e of t.platform.store.readStream(`partner-${id}`)) events.push(e.metadata.actor);
  assert.equal(events[0], { kind: 'person', id: admin.id });
});

test.run();
