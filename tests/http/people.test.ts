/**
 * People over HTTP: registration with unique emails (case-insensitively), vendor roles, employment
 * (join, role change, leave, one employer at a time) and certifications with derived validity.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { at, list, obj, str, strOrNull } from '../support/json.js';
import { startTestApp, type TestApp } from '../support/testApp.js';
import {
  activePartner,
  applyPartner,
  approvedPartner,
  defineProgram,
  employee,
  expectProblem,
  expectStatus,
  refused,
  registerPerson,
  vendorStaff,
} from './fixtures.js';

const test = suite<{ t: TestApp }>('HTTP: people');
test.before.each(async (ctx) => {
  ctx.t = await startTestApp();
});
test.after.each(async (ctx) => ctx.t?.dispose());

const person = async (t: TestApp, id: string) => expectStatus(await t.get(`/people/${id}`), 200).body;
const partner = async (t: TestApp, id: string) => expectStatus(await t.get(`/partners/${id}`), 200).body;

test('register answers 201; the profile keeps the email lower-cased and has no employer', async ({ t }) => {
  const r = expectStatus(await t.post('/people', { name: '  Ann Admin ', email: 'Ann@Acme.Example' }), 201);
  assert.match(str(r.body, 'id'), /^per_/);
  assert.is(at(r.body, 'streamId'), `person-${at(r.body, 'id')}`);
  const p = obj(await person(t, str(r.body, 'id')));
  assert.equal(
    {
      name: p.name,
      email: p.email,
      employer: p.employer,
      vendorRoles: p.vendorRoles,
      employmentHistory: p.employmentHistory,
    },
    { name: 'Ann Admin', email: 'ann@acme.example', employer: null, vendorRoles: [], employmentHistory: [] },
  );
  assert.is(r.headers.etag, `"${p.version}"`);
});

test(
  'an email is unique case-insensitively: ' + 'ANN@x after ann@x is 409 duplicate at path email, nothing appended',
  async ({ t }) => {
    expectStatus(await t.post('/people', { name: 'Ann', email: 'ann@x.example' }), 201);
    for (const email of ['ann@x.example', 'ANN@x.example', 'Ann@X.EXAMPLE', ' ann@x.example ']) {
      expectProblem(await refused(t, () => t.post('/people', { name: 'Ann Again', email })), 409, 'duplicate', [
        'email',
      ]);
    }
  },
);

test('concurrent registrations of one address: exactly one succeeds', async ({ t }) => {
  const before = await t.eventCount();
  const answers = await Promise.all(
    ['bo@x.example', 'BO@x.example', 'Bo@x.example', 'bo@X.example'].map((email) =>
      t.post('/people', { name: 'Bo', email }),
    ),
  );
  assert.equal(answers.map((r) => r.status).sort(), [201, 409, 409, 409]);
  assert.is(await t.eventCount(), before + 2, 'one PersonRegistered and one EmailReserved');
});

test(
  'vendor roles: grant, re-grant with other regions, revoke; ' +
    'granting the same again or revoking what is not held is 409',
  async ({ t }) => {
    const id = await registerPerson(t);
    expectStatus(await t.post(`/people/${id}/vendor-roles`, { role: 'channel_manager', regions: ['emea'] }), 200);
    expectProblem(
      await refused(t, () => t.post(`/people/${id}/vendor-roles`, { role: 'channel_manager', regions: ['emea'] })),
      409,
      'invalid_state',
    );
    expectStatus(
      await t.post(`/people/${id}/vendor-roles`, { role: 'channel_manager', regions: ['emea', 'apac'] }),
      200,
    );
    expectStatus(await t.post(`/people/${id}/vendor-roles`, { role: 'auditor' }), 200);
    assert.equal(at(await person(t, id), 'vendorRoles'), [
      { role: 'auditor' },
      { role: 'channel_manager', regions: ['emea', 'apac'] },
    ]);
    expectStatus(await t.post(`/people/${id}/vendor-roles/auditor/revoke`, {}), 200);
    expectProblem(
      await refused(t, () => t.post(`/people/${id}/vendor-roles/auditor/revoke`, {})),
      409,
      'invalid_state',
    );
    expectProblem(
      await refused(t, () => t.post(`/people/${id}/vendor-roles/janitor/revoke`, {})),
      400,
      'validation_failed',
      ['params.role'],
    );
    assert.equal(at(await person(t, id), 'vendorRoles'), [{ role: 'channel_manager', regions: ['emea', 'apac'] }]);
    expectProblem(
      await refused(t, () => t.post('/people/per_unknown00001/vendor-roles', { role: 'auditor' })),
      404,
      'not_found',
    );
  },
);

test('joining: employer and role on the profile, employee count and list on the partner', async ({ t }) => {
  const partnerId = await activePartner(t);
  const { id } = await employee(t, partnerId, 'manager');
  const p = obj(await person(t, id));
  assert.equal([at(p.employer, 'partnerId'), at(p.employer, 'role')], [partnerId, 'manager']);
  assert.is(at(await partner(t, partnerId), 'employeeCount'), 1);
  const employees = obj(expectStatus(await t.get(`/partners/${partnerId}/employees`), 200).body);
  assert.equal(
    list(employees.items).map((e) => [at(e, 'id'), at(e, 'role')]),
    [[id, 'manager']],
  );
  assert.is(employees.nextCursor, null);
});

test('the employee list pages by person id without gaps', async ({ t }) => {
  const partnerId = await activePartner(t);
  const ids: string[] = [];
  for (let i = 0; i < 5; i++) ids.push((await employee(t, partnerId)).id);
  const seen: string[] = [];
  let cursor: string | null = null;
  do {
    const page = expectStatus(
      await t.get(`/partners/${partnerId}/employees?limit=2${cursor ? `&cursor=${cursor}` : ''}`),
      200,
    ).body;
    assert.ok(list(page, 'items').length <= 2);
    seen.push(...list(page, 'items').map((e) => str(e, 'id')));
    cursor = strOrNull(page, 'nextCursor');
  } while (cursor);
  assert.equal(seen, ids.sort());
});

test('one employer at a time; only approved or active partners employ; vendor staff never join', async ({ t }) => {
  const first = await activePartner(t);
  const second = await approvedPartner(t);
  const { id } = await employee(t, first);
  expectProblem(
    await refused(t, () => t.post(`/partners/${second}/employees`, { personId: id, role: 'sales' })),
    409,
    'invalid_state',
  );
  expectProblem(
    await refused(t, () => t.post(`/partners/${first}/employees`, { personId: id, role: 'admin' })),
    409,
    'invalid_state',
  );
  const newcomer = await registerPerson(t);
  const applicant = await applyPartner(t);
  expectProblem(
    await refused(t, () => t.post(`/partners/${applicant}/employees`, { personId: newcomer, role: 'sales' })),
    409,
    'invalid_state',
  );
  expectStatus(await t.post(`/partners/${second}/employees`, { personId: newcomer, role: 'sales' }), 200);
  const staff = await vendorStaff(t, 'analyst');
  expectProblem(
    await refused(t, () => t.post(`/partners/${first}/employees`, { personId: staff.id, role: 'sales' })),
    409,
    'invalid_state',
  );
  expectProblem(
    await refused(t, () => t.post(`/people/${id}/vendor-roles`, { role: 'analyst' })),
    409,
    'invalid_state',
  );
  expectProblem(
    await refused(t, () => t.post(`/partners/${first}/employees`, { personId: 'per_unknown00001', role: 'sales' })),
    404,
    'not_found',
  );
});

test('role change and leave: history keeps the spell, the count drops; acting on a non-employee is 404', async ({
  t,
}) => {
  const partnerId = await activePartner(t);
  const { id } = await employee(t, partnerId, 'sales');
  expectStatus(await t.post(`/partners/${partnerId}/employees/${id}/role`, { role: 'admin' }), 200);
  expectProblem(
    await refused(t, () => t.post(`/partners/${partnerId}/employees/${id}/role`, { role: 'admin' })),
    409,
    'invalid_state',
  );
  expectStatus(await t.post(`/partners/${partnerId}/employees/${id}/leave`, { reason: 'moved on' }), 200);
  const p = obj(await person(t, id));
  assert.is(p.employer, null);
  assert.is(list(p.employmentHistory).length, 1);
  assert.equal(
    [
      at(p.employmentHistory, 0, 'role'),
      at(p.employmentHistory, 0, 'leaveReason'),
      typeof at(p.employmentHistory, 0, 'leftAt'),
    ],
    ['admin', 'moved on', 'string'],
  );
  assert.is(at(await partner(t, partnerId), 'employeeCount'), 0);
  expectProblem(await refused(t, () => t.post(`/partners/${partnerId}/employees/${id}/leave`, {})), 404, 'not_found');
  expectProblem(
    await refused(t, () => t.post(`/partners/${partnerId}/employees/${id}/role`, { role: 'sales' })),
    404,
    'not_found',
  );
  // Leaving opens the way to another partner.
  const next = await activePartner(t);
  expectStatus(await t.post(`/partners/${next}/employees`, { personId: id, role: 'technical' }), 200);
  assert.equal(
    list(await person(t, id), 'employmentHistory').map((h) => at(h, 'partnerId')),
    [partnerId, next],
  );
});

test('an employee may leave on their own, with or without a reason', async ({ t }) => {
  const partnerId = await activePartner(t);
  const { id, token } = await employee(t, partnerId, 'sales');
  expectStatus(await t.post(`/partners/${partnerId}/employees/${id}/leave`, undefined, token), 200);
  assert.is(at(await person(t, id), 'employer'), null);
});

test('an employee of a terminated partner joins another directly: the old spell is closed in the same append', async ({
  t,
}) => {
  const old = await activePartner(t);
  const { id } = await employee(t, old);
  expectStatus(await t.post(`/partners/${old}/terminate`, { reason: 'closed down' }), 200);
  const next = await activePartner(t);
  expectStatus(await t.post(`/partners/${next}/employees`, { personId: id, role: 'sales' }), 200);
  const history = at(await person(t, id), 'employmentHistory');
  assert.equal(
    list(history).map((h) => [at(h, 'partnerId'), at(h, 'leaveReason')]),
    [
      [old, 'partner terminated'],
      [next, null],
    ],
  );
});

test(
  'certifications: earned with derived expiry, valid until then; ' +
    'a held valid one is 409; expired ones can be earned again',
  async ({ t }) => {
    const partnerId = await activePartner(t);
    const { id } = await employee(t, partnerId);
    const program = await defineProgram(t, 'storage', 30);
    expectStatus(await t.post(`/people/${id}/certifications`, { programId: program }), 200);
    let cert = at(await person(t, id), 'certifications', 0);
    assert.equal(
      [at(cert, 'programId'), at(cert, 'productLine'), at(cert, 'valid'), at(cert, 'expiresAt')],
      [program, 'storage', true, '2026-07-01T09:00:00.000Z'],
    );
    assert.equal(at(await partner(t, partnerId), 'readyProductLines'), ['storage']);
    expectProblem(
      await refused(t, () => t.post(`/people/${id}/certifications`, { programId: program })),
      409,
      'invalid_state',
    );
    t.clock.advance(31 * 86_400_000);
    cert = at(await person(t, id), 'certifications', 0);
    assert.is(at(cert, 'valid'), false, 'validity is derived from the clock, no event needed');
    assert.equal(at(await partner(t, partnerId), 'readyProductLines'), []);
    expectStatus(await t.post(`/people/${id}/certifications`, { programId: program }), 200);
    assert.is(at(await person(t, id), 'certifications', 0, 'valid'), true);
  },
);

test('earnedAt: a past date counts from then; the future or too far back is 400 at earnedAt', async ({ t }) => {
  const id = await registerPerson(t);
  const program = await defineProgram(t, 'compute', 365);
  expectProblem(
    await refused(t, () =>
      t.post(`/people/${id}/certifications`, { programId: program, earnedAt: '2026-06-02T00:00:00Z' }),
    ),
    400,
    'validation_failed',
    ['earnedAt'],
  );
  expectProblem(
    await refused(t, () =>
      t.post(`/people/${id}/certifications`, { programId: program, earnedAt: '2024-01-01T00:00:00Z' }),
    ),
    400,
    'validation_failed',
    ['earnedAt'],
  );
  expectStatus(
    await t.post(`/people/${id}/certifications`, { programId: program, earnedAt: '2026-01-01T00:00:00Z' }),
    200,
  );
  assert.is(at(await person(t, id), 'certifications', 0, 'expiresAt'), '2027-01-01T00:00:00.000Z');
});

test('renew extends from the current expiry; revoke ends validity; a revoked one cannot be renewed', async ({ t }) => {
  const id = await registerPerson(t);
  const program = await defineProgram(t, 'network', 100);
  expectProblem(await refused(t, () => t.post(`/people/${id}/certifications/${program}/renew`, {})), 404, 'not_found');
  expectStatus(await t.post(`/people/${id}/certifications`, { programId: program }), 200);
  expectStatus(await t.post(`/people/${id}/certifications/${program}/renew`, {}), 200);
  const renewed = at(await person(t, id), 'certifications', 0);
  assert.is(
    at(renewed, 'expiresAt'),
    new Date(Date.parse('2026-06-01T09:00:00.000Z') + 200 * 86_400_000).toISOString(),
  );
  expectStatus(await t.post(`/people/${id}/certifications/${program}/revoke`, { reason: 'exam fraud' }), 200);
  assert.is(at(await person(t, id), 'certifications', 0, 'valid'), false);
  expectProblem(
    await refused(t, () => t.post(`/people/${id}/certifications/${program}/renew`, {})),
    409,
    'invalid_state',
  );
  expectProblem(
    await refused(t, () => t.post(`/people/${id}/certifications/${program}/revoke`, { reason: 'again' })),
    409,
    'invalid_state',
  );
});

test('certifying needs a known, active program', async ({ t }) => {
  const id = await registerPerson(t);
  expectProblem(
    await refused(t, () => t.post(`/people/${id}/certifications`, { programId: 'prg_unknown00001' })),
    404,
    'not_found',
  );
  const program = await defineProgram(t, 'software');
  expectStatus(await t.post(`/programs/${program}/retire`, {}), 200);
  expectProblem(
    await refused(t, () => t.post(`/people/${id}/certifications`, { programId: program })),
    409,
    'invalid_state',
  );
});

test('GET /me: a person sees their principal and profile; the admin key is the built-in admin', async ({ t }) => {
  const partnerId = await activePartner(t);
  const { id, token } = await employee(t, partnerId, 'admin');
  const me = obj(expectStatus(await t.get('/me', token), 200).body);
  assert.equal(
    [
      at(me.principal, 'kind'),
      at(me.principal, 'personId'),
      at(me.principal, 'employer', 'partnerId'),
      at(me.principal, 'employer', 'role'),
    ],
    ['person', id, partnerId, 'admin'],
  );
  assert.is(at(me.profile, 'id'), id);
  assert.equal(expectStatus(await t.get('/me'), 200).body, { principal: { kind: 'admin-key' } });
});

test.run();
