/**
 * Who sees which content over HTTP (DESIGN §4 audience, §5 access): tier, region, partner type, role,
 * partner ids and required programs; changes of any of them take effect on the next request; a
 * certification's expiry ends visibility at that very instant with no event; departed employees and
 * people of suspended or terminated partners see nothing; vendor staff see every published item.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { at, list, obj } from '../support/json.js';
import { startTestApp, type TestApp } from '../support/testApp.js';
import { publish, seesExactly, visibleIds } from './contentFixtures.js';
import {
  activePartner,
  approvedPartner,
  defineProgram,
  employee,
  expectProblem,
  expectStatus,
  registerPerson,
  vendorStaff,
} from './fixtures.js';

const test = suite<{ t: TestApp }>('HTTP: content visibility');
test.before.each(async (ctx) => {
  ctx.t = await startTestApp();
});
test.after.each(async (ctx) => ctx.t?.dispose());

const DAY = 86_400_000;

/** Two partners and their people: Acme (emea, gold reseller) and Globex (apac, silver msp). */
const world = async (t: TestApp) => {
  const acme = await activePartner(t, { name: 'Acme', region: 'emea', type: 'reseller' }, 'gold');
  const globex = await activePartner(
    t,
    { name: 'Globex', region: 'apac', type: 'msp', website: 'https://globex.example' },
    'silver',
  );
  return {
    acme,
    globex,
    acmeSales: await employee(t, acme, 'sales'),
    acmeTech: await employee(t, acme, 'technical'),
    globexSales: await employee(t, globex, 'sales'),
  };
};

test('each audience list selects by its attribute; lists combine with AND, values with OR', async ({ t }) => {
  const w = await world(t);
  const items = {
    all: await publish(t, {}),
    gold: await publish(t, { tiers: ['gold'] }),
    silverOrGold: await publish(t, { tiers: ['silver', 'gold'] }),
    apac: await publish(t, { regions: ['apac'] }),
    msp: await publish(t, { partnerTypes: ['msp'] }),
    technical: await publish(t, { roles: ['technical'] }),
    globexOnly: await publish(t, { partnerIds: [w.globex] }),
    goldSales: await publish(t, { tiers: ['gold'], roles: ['sales'] }),
    goldApac: await publish(t, { tiers: ['gold'], regions: ['apac'] }),
  };
  const among = Object.values(items);
  await seesExactly(
    t,
    w.acmeSales.token,
    among,
    [items.all, items.gold, items.silverOrGold, items.goldSales],
    'acme sales',
  );
  await seesExactly(
    t,
    w.acmeTech.token,
    among,
    [items.all, items.gold, items.silverOrGold, items.technical],
    'acme technical',
  );
  await seesExactly(
    t,
    w.globexSales.token,
    among,
    [items.all, items.silverOrGold, items.apac, items.msp, items.globexOnly],
    'globex sales',
  );
  // The item itself: 200 when visible, 404 (not 403) when not.
  expectStatus(await t.get(`/content/${items.gold}`, w.acmeSales.token), 200);
  expectProblem(await t.get(`/content/${items.gold}`, w.globexSales.token), 404, 'not_found');
  // Partner people never see an audience (it may name other partners).
  assert.is(
    at(expectStatus(await t.get(`/content/${items.globexOnly}`, w.globexSales.token), 200).body, 'audience'),
    undefined,
  );
});

test('tier, region and role changes and audience changes take effect on the next request', async ({ t }) => {
  const w = await world(t);
  const gold = await publish(t, { tiers: ['gold'] });
  const emea = await publish(t, { regions: ['emea'] });
  const managers = await publish(t, { roles: ['manager'] });
  const among = [gold, emea, managers];
  await seesExactly(t, w.acmeSales.token, among, [gold, emea]);
  expectStatus(await t.post(`/partners/${w.acme}/tier`, { tier: 'silver', reason: 'missed revenue' }), 200);
  await seesExactly(t, w.acmeSales.token, among, [emea], 'after the downgrade');
  expectStatus(await t.post(`/partners/${w.acme}/region`, { region: 'latam' }), 200);
  await seesExactly(t, w.acmeSales.token, among, [], 'after moving region');
  expectStatus(await t.post(`/partners/${w.acme}/employees/${w.acmeSales.id}/role`, { role: 'manager' }), 200);
  await seesExactly(t, w.acmeSales.token, among, [managers], 'after the promotion');
  expectStatus(await t.post(`/content/${gold}/audience`, { audience: { tiers: ['silver'], regions: ['latam'] } }), 200);
  await seesExactly(t, w.acmeSales.token, among, [gold, managers], 'after the audience change');
  expectStatus(await t.post(`/content/${managers}/retire`, {}), 200);
  await seesExactly(t, w.acmeSales.token, among, [gold], 'after retirement');
  expectProblem(await t.get(`/content/${managers}`, w.acmeSales.token), 404, 'not_found');
});

test('required programs: visible while every certification is held and valid; ends at the expiry instant', async ({
  t,
}) => {
  const w = await world(t);
  const storage = await defineProgram(t, 'storage', 30);
  const network = await defineProgram(t, 'network', 60);
  const both = await publish(t, { requiredPrograms: [storage, network] });
  const storageOnly = await publish(t, { requiredPrograms: [storage] });
  const among = [both, storageOnly];
  await seesExactly(t, w.acmeSales.token, among, [], 'nothing before certification');
  const start = t.clock.now().getTime();
  expectStatus(await t.post(`/people/${w.acmeSales.id}/certifications`, { programId: storage }), 200);
  expectStatus(await t.post(`/people/${w.acmeSales.id}/certifications`, { programId: network }), 200);
  await seesExactly(t, w.acmeSales.token, among, [both, storageOnly]);
  const storageExpiry = new Date(start + 30 * DAY).toISOString();
  const item = obj(expectStatus(await t.get(`/content/${both}`, w.acmeSales.token), 200).body);
  assert.is(item.validUntil, storageExpiry, 'bounded by the earliest expiry');

  t.clock.set(new Date(start + 30 * DAY - 1));
  const token = t.tokenFor(w.acmeSales.id);
  await seesExactly(t, token, among, [both, storageOnly], 'a millisecond before the expiry');
  t.clock.set(storageExpiry);
  await seesExactly(t, token, among, [], 'at the expiry instant, with no event');
  expectProblem(await t.get(`/content/${storageOnly}`, token), 404, 'not_found');

  // Renewal brings it back (from now, as it had lapsed).
  expectStatus(await t.post(`/people/${w.acmeSales.id}/certifications/${storage}/renew`, {}), 200);
  await seesExactly(t, token, among, [both, storageOnly], 'after renewal');
  assert.is(
    at(expectStatus(await t.get(`/content/${both}`, token), 200).body, 'validUntil'),
    new Date(start + 60 * DAY).toISOString(),
    'now bounded by network',
  );
  expectStatus(
    await t.post(`/people/${w.acmeSales.id}/certifications/${network}/revoke`, { reason: 'exam fraud' }),
    200,
  );
  await seesExactly(t, token, among, [storageOnly], 'after revocation');
});

test("a departed employee loses the partner's content on the very next request, with the same token", async ({ t }) => {
  const w = await world(t);
  const acmeOnly = await publish(t, { partnerIds: [w.acme] });
  const everyone = await publish(t, {});
  await seesExactly(t, w.acmeSales.token, [acmeOnly, everyone], [acmeOnly, everyone]);
  expectStatus(await t.post(`/partners/${w.acme}/employees/${w.acmeSales.id}/leave`, { reason: 'moved on' }), 200);
  assert.equal(await visibleIds(t, w.acmeSales.token), [], 'nothing at all without an employer');
  expectProblem(await t.get(`/content/${acmeOnly}`, w.acmeSales.token), 404, 'not_found');
  // Joining another partner brings that partner's audience, not the former one's.
  expectStatus(await t.post(`/partners/${w.globex}/employees`, { personId: w.acmeSales.id, role: 'sales' }), 200);
  await seesExactly(t, w.acmeSales.token, [acmeOnly, everyone], [everyone]);
});

test('people of a suspended partner see nothing until it is reinstated; of a terminated one, nothing', async ({
  t,
}) => {
  const w = await world(t);
  const everyone = await publish(t, {});
  const acmeOnly = await publish(t, { partnerIds: [w.acme] });
  expectStatus(await t.post(`/partners/${w.acme}/suspend`, { reason: 'unpaid invoices' }), 200);
  assert.equal(await visibleIds(t, w.acmeSales.token), []);
  expectProblem(await t.get(`/content/${everyone}`, w.acmeSales.token), 404, 'not_found');
  await seesExactly(t, w.globexSales.token, [everyone, acmeOnly], [everyone], 'other partners are unaffected');
  expectStatus(await t.post(`/partners/${w.acme}/reinstate`, {}), 200);
  await seesExactly(t, w.acmeSales.token, [everyone, acmeOnly], [everyone, acmeOnly], 'after reinstatement');
  expectStatus(await t.post(`/partners/${w.acme}/terminate`, { reason: 'contract ended' }), 200);
  assert.equal(await visibleIds(t, w.acmeSales.token), []);
  assert.equal(await visibleIds(t, w.acmeTech.token), []);
});

test(
  "approved partners' people see content; " +
    'people without an employer see none; vendor staff see every published item',
  async ({ t }) => {
    const approved = await approvedPartner(t, { region: 'emea' }, 'gold');
    const newcomer = await employee(t, approved, 'marketing');
    const loner = await registerPerson(t, 'Lone Wolf');
    const items = [
      await publish(t, {}),
      await publish(t, { tiers: ['platinum'] }),
      await publish(t, { roles: ['admin'] }),
    ];
    await seesExactly(t, newcomer.token, items, [items[0]]);
    assert.equal(await visibleIds(t, t.tokenFor(loner)), []);
    for (const role of ['vendor_admin', 'channel_manager', 'auditor', 'analyst']) {
      const staff = await vendorStaff(t, role, role === 'channel_manager' ? ['apac'] : undefined);
      await seesExactly(t, staff.token, items, items, role);
      assert.ok(
        at(expectStatus(await t.get(`/content/${items[1]}`, staff.token), 200).body, 'audience'),
        'vendor staff see the audience',
      );
    }
    await seesExactly(t, (await vendorStaff(t, 'analyst')).token, items, items);
    const asAdminKey = await visibleIds(t, undefined);
    assert.equal(
      items.filter((i) => asAdminKey.includes(i)),
      items,
      'the admin key sees everything',
    );
  },
);

test('lists filter by kind and page with cursors; bad queries are 400', async ({ t }) => {
  const w = await world(t);
  const guides = [];
  for (let i = 0; i < 5; i++)
    guides.push(await publish(t, { regions: ['emea'] }, { kind: 'playbook', title: `Playbook ${i}` }));
  const other = await publish(t, {}, { kind: 'announcement' });
  const page1 = obj(expectStatus(await t.get('/content?kind=playbook&limit=2', w.acmeSales.token), 200).body);
  assert.is(list(page1.items).length, 2);
  const page2 = obj(
    expectStatus(await t.get(`/content?kind=playbook&limit=2&cursor=${page1.nextCursor}`, w.acmeSales.token), 200).body,
  );
  const page3 = obj(
    expectStatus(await t.get(`/content?kind=playbook&limit=2&cursor=${page2.nextCursor}`, w.acmeSales.token), 200).body,
  );
  assert.is(page3.nextCursor, null);
  const ids = [...list(page1.items), ...list(page2.items), ...list(page3.items)].map((i) => at(i, 'id'));
  assert.equal(ids, [...guides].sort());
  assert.ok(list(page1.items).every((i) => at(i, 'kind') === 'playbook' && at(i, 'validUntil') === null));
  assert.equal(await visibleIds(t, w.globexSales.token, 'kind=playbook'), []);
  assert.ok((await visibleIds(t, w.globexSales.token, 'kind=announcement')).includes(other));
  expectProblem(await t.get('/content?kind=brochure', w.acmeSales.token), 400, 'validation_failed', ['query.kind']);
  expectProblem(await t.get('/content?limit=0', w.acmeSales.token), 400, 'validation_failed', ['query.limit']);
  expectProblem(await t.get('/content?cursor=%%%', w.acmeSales.token), 400, 'validation_failed', ['query.cursor']);
  expectProblem(await t.get('/content?audience=1', w.acmeSales.token), 400, 'validation_failed', ['query.audience']);
  expectProblem(await t.get('/content/nope', w.acmeSales.token), 400, 'validation_failed', ['params.id']);
  expectProblem(await t.get('/content', null), 401, 'unauthenticated');
});

test.run();
