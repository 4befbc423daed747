/**
 * Who sees what, inspected: GET /content/:id/audience-members and GET /people/:id/visible-content are
 * for vendor admins and auditors (200), other vendor staff get 403, partner people 404; both honour
 * `validUntil` against the clock, like GET /content.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { at, list, obj } from '../support/json.js';
import { startTestApp, type TestApp } from '../support/testApp.js';
import { publish } from './contentFixtures.js';
import {
  activePartner,
  defineProgram,
  employee,
  expectProblem,
  expectStatus,
  registerPerson,
  vendorStaff,
} from './fixtures.js';

const test = suite<{ t: TestApp }>('HTTP: audience members and visible content');
test.before.each(async (ctx) => {
  ctx.t = await startTestApp();
});
test.after.each(async (ctx) => ctx.t?.dispose());

const DAY = 86_400_000;
const members = async (t: TestApp, contentId: string, query = '', token?: string) =>
  (
    at(
      expectStatus(await t.get(`/content/${contentId}/audience-members?limit=500${query}`, token), 200).body,
      'items',
    ) as {
      personId: string;
    }[]
  )
    .map((m) => m.personId)
    .sort();
const visibleOf = async (t: TestApp, personId: string, token?: string) =>
  (
    at(expectStatus(await t.get(`/people/${personId}/visible-content?limit=500`, token), 200).body, 'items') as {
      id: string;
    }[]
  )
    .map((i) => i.id)
    .sort();

test(
  'vendor admins and auditors inspect; channel managers and analysts get 403; ' +
    'partner people and the unaffiliated 404',
  async ({ t }) => {
    const acme = await activePartner(t, { region: 'emea' });
    const seller = await employee(t, acme, 'sales');
    const boss = await employee(t, acme, 'admin');
    const item = await publish(t, {});
    const admin = await vendorStaff(t, 'vendor_admin');
    const auditor = await vendorStaff(t, 'auditor');
    for (const token of [undefined, admin.token, auditor.token]) {
      assert.ok((await members(t, item, '', token)).includes(seller.id));
      assert.ok((await visibleOf(t, seller.id, token)).includes(item));
    }
    for (const who of [await vendorStaff(t, 'channel_manager'), await vendorStaff(t, 'analyst')]) {
      expectProblem(await t.get(`/content/${item}/audience-members`, who.token), 403, 'forbidden');
      expectProblem(await t.get(`/people/${seller.id}/visible-content`, who.token), 403, 'forbidden');
    }
    for (const token of [seller.token, boss.token, t.tokenFor(await registerPerson(t))]) {
      expectProblem(await t.get(`/content/${item}/audience-members`, token), 404, 'not_found');
      expectProblem(await t.get(`/people/${seller.id}/visible-content`, token), 404, 'not_found');
    }
    expectProblem(await t.get(`/people/${seller.id}/visible-content`, seller.token), 404, 'not_found', []);
    expectProblem(await t.get('/content/cnt_unknown00001/audience-members'), 404, 'not_found');
    expectProblem(await t.get('/people/per_unknown00001/visible-content'), 404, 'not_found');
    expectProblem(await t.get(`/content/${item}/audience-members`, null), 401, 'unauthenticated');
  },
);

test('audience members: the people the audience reaches plus vendor staff, filterable by partner, paged', async ({
  t,
}) => {
  const acme = await activePartner(t, { name: 'Acme', region: 'emea' }, 'gold');
  const globex = await activePartner(
    t,
    { name: 'Globex', region: 'emea', website: 'https://globex.example' },
    'silver',
  );
  const acmePeople = [
    await employee(t, acme, 'sales'),
    await employee(t, acme, 'sales'),
    await employee(t, acme, 'technical'),
  ];
  const globexSeller = await employee(t, globex, 'sales');
  const staff = await vendorStaff(t, 'analyst');
  const item = await publish(t, { regions: ['emea'], roles: ['sales'] });
  assert.equal(await members(t, item), [acmePeople[0].id, acmePeople[1].id, globexSeller.id, staff.id].sort());
  assert.equal(await members(t, item, `&partnerId=${acme}`), [acmePeople[0].id, acmePeople[1].id].sort());
  const page = obj(expectStatus(await t.get(`/content/${item}/audience-members?limit=3`), 200).body);
  assert.is(list(page.items).length, 3);
  const rest = obj(
    expectStatus(await t.get(`/content/${item}/audience-members?limit=3&cursor=${page.nextCursor}`), 200).body,
  );
  assert.equal([list(rest.items).length, rest.nextCursor], [1, null]);
  const seller = list(page.items)
    .concat(rest.items)
    .find((m) => at(m, 'personId') === globexSeller.id);
  assert.equal(
    {
      partnerId: at(seller, 'partnerId'),
      role: at(seller, 'role'),
      vendorRoles: at(seller, 'vendorRoles'),
      validUntil: at(seller, 'validUntil'),
      name: at(seller, 'name'),
    },
    { partnerId: globex, role: 'sales', vendorRoles: [], validUntil: null, name: 'Employee sales' },
  );
  const analyst = list(page.items)
    .concat(rest.items)
    .find((m) => at(m, 'personId') === staff.id);
  assert.equal([at(analyst, 'partnerId'), at(analyst, 'vendorRoles')], [null, ['analyst']]);
  expectProblem(await t.get(`/content/${item}/audience-members?partnerId=acme`), 400, 'validation_failed', [
    'query.partnerId',
  ]);
  // Retired: nobody.
  expectStatus(await t.post(`/content/${item}/retire`, {}), 200);
  assert.equal(await members(t, item), []);
});

test('both honour validUntil against the clock: an expired certification drops the person at that instant', async ({
  t,
}) => {
  const acme = await activePartner(t);
  const seller = await employee(t, acme, 'sales');
  const program = await defineProgram(t, 'storage', 10);
  const item = await publish(t, { requiredPrograms: [program] });
  const open = await publish(t, {});
  const start = t.clock.now().getTime();
  expectStatus(await t.post(`/people/${seller.id}/certifications`, { programId: program }), 200);
  assert.ok((await members(t, item)).includes(seller.id));
  const shown = at(expectStatus(await t.get(`/people/${seller.id}/visible-content?limit=500`), 200).body, 'items');
  assert.equal(
    at(
      list(shown).find((i) => at(i, 'id') === item),
      'validUntil',
    ),
    new Date(start + 10 * DAY).toISOString(),
  );
  assert.equal(
    at(
      list(shown).find((i) => at(i, 'id') === open),
      'validUntil',
    ),
    null,
  );
  t.clock.set(new Date(start + 10 * DAY - 1));
  assert.ok((await members(t, item)).includes(seller.id));
  t.clock.set(new Date(start + 10 * DAY));
  assert.not.ok((await members(t, item)).includes(seller.id));
  assert.equal(await visibleOf(t, seller.id), [open]);
});

test(
  "a person's visible content follows them: " + 'vendor staff see every published item, a departed employee none',
  async ({ t }) => {
    const acme = await activePartner(t);
    const seller = await employee(t, acme, 'sales');
    const staff = await vendorStaff(t, 'channel_manager', ['apac']);
    const items = [await publish(t, {}), await publish(t, { tiers: ['platinum'] })];
    assert.equal(await visibleOf(t, staff.id), [...items].sort());
    assert.equal(await visibleOf(t, seller.id), [items[0]]);
    expectStatus(await t.post(`/partners/${acme}/employees/${seller.id}/leave`, {}), 200);
    assert.equal(await visibleOf(t, seller.id), []);
    expectStatus(await t.post(`/people/${staff.id}/vendor-roles/channel_manager/revoke`, {}), 200);
    assert.equal(await visibleOf(t, staff.id), [], 'a revoked vendor role takes the content with it');
    expectProblem(await t.get(`/people/${seller.id}/visible-content?kind=memo`), 400, 'validation_failed', [
      'query.kind',
    ]);
  },
);

test.run();
