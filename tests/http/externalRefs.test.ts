/**
 * External references (DESIGN §11): a partner's, person's or deal's id in another system, linked and
 * unlinked by command, unique per system through a reservation stream (50 concurrent links of one CRM
 * id: exactly one wins), found with `?externalRef=<system>:<id>`, shown in the views; a deal registered
 * with its CRM id answers a retried registration with the first deal.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { at, list, obj, str } from '../support/json.js';
import { activePartner } from './fixtures.js';
import { startTestApp, type TestApp } from '../support/testApp.js';

interface World {
  t: TestApp;
  partners: string[];
  sales: string;
  otherSales: string;
}
const test = suite<World>('external references');

let n = 0;
const ok = <T extends { status: number; body: unknown }>(r: T, status = 200) => {
  assert.is(r.status, status, JSON.stringify(r.body));
  return r;
};
test.before(async (ctx) => {
  ctx.t = await startTestApp();
  const { t } = ctx;
  const partner = async () => {
    n += 1;
    return activePartner(t, { name: `Ref ${n}`, website: `https://ref${n}.example` }, 'gold');
  };
  ctx.partners = [];
  for (let i = 0; i < 50; i++) ctx.partners.push(await partner());
  const employee = async (partnerId: string) => {
    const id = str(ok(await t.post('/people', { name: 'Sam Sales', email: `s${++n}@ref.example` }), 201).body, 'id');
    ok(await t.post(`/partners/${partnerId}/employees`, { personId: id, role: 'sales' }));
    return id;
  };
  ctx.sales = await employee(ctx.partners[0]);
  ctx.otherSales = await employee(ctx.partners[1]);
});
test.after(async (ctx) => ctx.t.dispose());

test('link, find, re-link, replace and unlink a partner reference', async ({ t, partners }) => {
  const [p] = partners;
  const etag = (await t.get(`/partners/${p}`)).headers.etag;
  const linked = ok(await t.put(`/partners/${p}/external-refs/salesforce`, { id: '0015g00000AbCdE' }));
  assert.equal(
    [at(linked.body, 'id'), at(linked.body, 'streamId'), at(linked.body, 'version')],
    [p, `extrefs-partner-${p}`, 1],
  );
  const view = await t.get(`/partners/${p}`);
  assert.equal(at(view.body, 'externalRefs'), { salesforce: '0015g00000AbCdE' });
  assert.is(view.headers.etag, etag, "linking does not move the partner's version");
  const found = await t.get('/partners?externalRef=salesforce:0015g00000AbCdE');
  assert.equal(
    list(found.body, 'items').map((i) => str(i, 'id')),
    [p],
  );
  assert.equal(at(found.body, 'items', 0, 'externalRefs'), { salesforce: '0015g00000AbCdE' });
  const otherCase = await t.get('/partners?externalRef=salesforce:0015g00000abcde');
  assert.is(list(otherCase.body, 'items').length, 0, 'case-sensitive');

  const before = await t.eventCount();
  ok(await t.put(`/partners/${p}/external-refs/salesforce`, { id: '0015g00000AbCdE' }));
  assert.is(await t.eventCount(), before, 'the same id again appends nothing');

  ok(await t.put(`/partners/${p}/external-refs/salesforce`, { id: 'NEW-1' }));
  assert.equal(at((await t.get(`/partners/${p}`)).body, 'externalRefs'), { salesforce: 'NEW-1' });
  // The replaced id is free again.
  ok(await t.put(`/partners/${partners[1]}/external-refs/salesforce`, { id: '0015g00000AbCdE' }));
  ok(await t.put(`/partners/${p}/external-refs/hubspot`, { id: '42' }));
  assert.equal(at((await t.get(`/partners/${p}`)).body, 'externalRefs'), { hubspot: '42', salesforce: 'NEW-1' });

  ok(await t.post(`/partners/${p}/external-refs/salesforce/unlink`, {}));
  assert.equal(at((await t.get(`/partners/${p}`)).body, 'externalRefs'), { hubspot: '42' });
  const again = await t.post(`/partners/${p}/external-refs/salesforce/unlink`, {});
  assert.equal([again.status, at(again.body, 'code')], [404, 'not_found']);
  const stream = await t.get(`/audit/streams/extrefs-partner-${p}`);
  assert.equal(
    list(stream.body, 'items').map((e) => str(e, 'type')),
    ['ExternalRefLinked', 'ExternalRefUnlinked', 'ExternalRefLinked', 'ExternalRefLinked', 'ExternalRefUnlinked'],
  );
  const state = await t.get(`/audit/streams/extrefs-partner-${p}/state`);
  assert.equal(at(state.body, 'state'), { refs: { hubspot: '42' } });
});

test('50 concurrent links of one CRM id to 50 partners: exactly one wins, the others get 409 duplicate', async ({
  t,
  partners,
}) => {
  const answers = await Promise.all(
    partners.map((p) => t.put(`/partners/${p}/external-refs/salesforce`, { id: 'RACE-001' })),
  );
  const won = answers.filter((r) => r.status === 200);
  const lost = answers.filter((r) => r.status === 409);
  assert.is(won.length, 1, JSON.stringify(answers.filter((r) => r.status !== 409).map((r) => r.body)));
  assert.is(lost.length, 49);
  assert.ok(lost.every((r) => at(r.body, 'code') === 'duplicate' && at(r.body, 'errors', 0, 'path') === 'id'));
  const winner = str(won[0]?.body, 'id');
  const found = await t.get('/partners?externalRef=salesforce:RACE-001');
  assert.equal(
    list(found.body, 'items').map((i) => str(i, 'id')),
    [winner],
  );
  const reservation = await t.get('/audit/streams/extref-partner:salesforce:RACE-001');
  assert.equal(
    list(reservation.body, 'items').map((e) => [str(e, 'type'), str(e, 'data', 'ownerId')]),
    [['ExternalRefReserved', winner]],
  );
});

test('people: link, find with GET /people?externalRef=, shown in the person', async ({ t, sales, otherSales }) => {
  ok(await t.put(`/people/${sales}/external-refs/hubspot`, { id: 'contact-7' }));
  const found = await t.get('/people?externalRef=hubspot:contact-7');
  assert.equal(
    list(found.body, 'items').map((i) => [str(i, 'id'), at(i, 'externalRefs')]),
    [[sales, { hubspot: 'contact-7' }]],
  );
  assert.equal(at((await t.get(`/people/${sales}`)).body, 'externalRefs'), { hubspot: 'contact-7' });
  // A person of another partner does not see this one, reference or not.
  const other = await t.get('/people?externalRef=hubspot:contact-7', t.tokenFor(otherSales));
  assert.is(list(other.body, 'items').length, 0);
  const own = await t.get('/people?externalRef=hubspot:contact-7', t.tokenFor(sales));
  assert.is(list(own.body, 'items').length, 1);
  // A sales person may not link references of colleagues.
  const refused = await t.put(`/people/${sales}/external-refs/hubspot`, { id: 'contact-8' }, t.tokenFor(sales));
  assert.is(refused.status, 403);
});

test("deals: registered with the CRM's opportunity id, a retry answers the first registration", async ({
  t,
  partners,
  sales,
  otherSales,
}) => {
  const body = (partnerId: string, domain: string) => ({
    partnerId,
    customer: { name: 'Customer', domain, country: 'DE' },
    productLine: 'storage',
    estimatedValue: { amountMinor: 1_000_000, currency: 'EUR' },
    expectedCloseDate: '2026-12-31',
    externalRefs: { 'acme-crm': 'OPP-0001' },
  });
  const first = ok(await t.post('/deals', body(partners[0], 'buyer.com'), t.tokenFor(sales)), 201);
  const dealId = str(first.body, 'id');
  const before = await t.eventCount();
  const retry = ok(await t.post('/deals', body(partners[0], 'buyer.com'), t.tokenFor(sales)), 201);
  assert.is(str(retry.body, 'id'), dealId);
  assert.is(await t.eventCount(), before, 'the retry appends nothing');
  const deal = await t.get(`/deals/${dealId}`, t.tokenFor(sales));
  assert.equal(at(deal.body, 'externalRefs'), { 'acme-crm': 'OPP-0001' });
  const found = await t.get('/deals?externalRef=acme-crm:OPP-0001');
  assert.equal(
    list(found.body, 'items').map((d) => str(d, 'id')),
    [dealId],
  );
  const registered = obj((await t.get(`/audit/streams/deal-${dealId}`)).body, 'items', 0, 'data');
  assert.not.ok('externalRefs' in registered, 'the registration event keeps its own schema');
  const other = await t.post('/deals', body(partners[1], 'other.com'), t.tokenFor(otherSales));
  assert.equal(
    [other.status, at(other.body, 'code'), at(other.body, 'errors', 0, 'path')],
    [409, 'duplicate', 'externalRefs'],
  );
  // The registrant may replace the deal's CRM id; a colleague who does not see the deal may not.
  ok(await t.put(`/deals/${dealId}/external-refs/acme-crm`, { id: 'OPP-0002' }, t.tokenFor(sales)));
  const hidden = await t.put(`/deals/${dealId}/external-refs/acme-crm`, { id: 'X' }, t.tokenFor(otherSales));
  assert.is(hidden.status, 404);
});

test('bad input: system names, ids and lookups get field paths, and change nothing', async ({ t, partners }) => {
  const before = await t.eventCount();
  const system = await t.put(`/partners/${partners[2]}/external-refs/Sales%20Force`, { id: 'x' });
  assert.equal([system.status, at(system.body, 'errors', 0, 'path')], [400, 'params.system']);
  const id = await t.put(`/partners/${partners[2]}/external-refs/salesforce`, { id: 'has space' });
  assert.equal([id.status, at(id.body, 'errors', 0, 'path')], [400, 'id']);
  const lookup = await t.get('/partners?externalRef=no-colon');
  assert.equal([lookup.status, at(lookup.body, 'errors', 0, 'path')], [400, 'query.externalRef']);
  const unknown = await t.put('/partners/ptr_unknown000/external-refs/salesforce', { id: 'x' });
  assert.is(unknown.status, 404);
  assert.is(await t.eventCount(), before);
});

test.run();
