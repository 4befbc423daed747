/**
 * Deal registration over HTTP: every command route, every refusal (400 with field paths, 403, 404,
 * 409, 422) appending nothing, channel conflicts between partners, expiry through the sweeper.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { dealExpirySweeper } from '../../app/sweepers/index.js';
import { at, list, num, obj, str } from '../support/json.js';
import { startTestApp, type TestApp } from '../support/testApp.js';
import { dealBody, dealOf, dealWorld, registerDeal, type DealWorld } from './dealsFixtures.js';
import { approvedPartner, employee, expectProblem, expectStatus, refused, registerPerson } from './fixtures.js';

const test = suite<{ t: TestApp; w: DealWorld }>('HTTP: deals');
test.before(async (ctx) => {
  ctx.t = await startTestApp({ now: START });
  ctx.w = await dealWorld(ctx.t);
});
test.after(async (ctx) => ctx.t?.dispose());

let customers = 0;
/** A customer domain no other test uses. */
const fresh = () => `customer${++customers}.co.uk`;
const body = (w: DealWorld, domain: string, over: Record<string, unknown> = {}) =>
  dealBody(w.emea, { customer: { name: 'Customer Ltd', domain, country: 'GB' }, ...over });
const DAY = 86_400_000;
const START = '2026-06-01T09:00:00.000Z';
const ADMIN = undefined;

test('a sales rep registers a deal: 201, the domain normalised, submitted and unflagged', async ({ t, w }) => {
  const domain = fresh();
  const r = expectStatus(
    await t.post('/deals', body(w, `https://WWW.Sales.${domain.toUpperCase()}./contact`), w.seller.token),
    201,
  );
  assert.match(str(r.body, 'id'), /^deal_/);
  assert.equal([at(r.body, 'streamId'), at(r.body, 'version'), r.headers.etag], [`deal-${at(r.body, 'id')}`, 1, '"1"']);
  const deal = obj(await dealOf(t, str(r.body, 'id'), w.seller.token));
  assert.equal(
    {
      domain: at(deal.customer, 'domain'),
      status: deal.status,
      conflict: deal.conflict,
      registeredBy: deal.registeredBy,
      partnerId: deal.partnerId,
      value: deal.estimatedValue,
    },
    {
      domain,
      status: 'submitted',
      conflict: false,
      registeredBy: w.seller.id,
      partnerId: w.emea,
      value: { amountMinor: 5_000_000, currency: 'EUR' },
    },
  );
  assert.equal(deal.conflicts, undefined, 'partners never see conflict details');
});

test('bad input is 400 with field paths and appends nothing', async ({ t, w }) => {
  const cases: [Record<string, unknown>, string][] = [
    [body(w, fresh(), { customer: { name: 'No Domain Ltd', country: 'GB' } }), 'customer.domain'],
    [body(w, 'not a domain'), 'customer.domain'],
    [body(w, 'acme..com'), 'customer.domain'],
    [body(w, 'co.uk'), 'customer.domain'],
    [body(w, 'acme.notatld'), 'customer.domain'],
    [body(w, '192.168.10.20'), 'customer.domain'],
    [body(w, 'http://[2001:db8::1]/'), 'customer.domain'],
    [body(w, fresh(), { estimatedValue: { amountMinor: -100, currency: 'EUR' } }), 'estimatedValue.amountMinor'],
    [body(w, fresh(), { estimatedValue: { amountMinor: 0, currency: 'EUR' } }), 'estimatedValue.amountMinor'],
    [body(w, fresh(), { estimatedValue: { amountMinor: 10.5, currency: 'EUR' } }), 'estimatedValue.amountMinor'],
    [body(w, fresh(), { estimatedValue: { amountMinor: 100, currency: 'EURO' } }), 'estimatedValue.currency'],
    [body(w, fresh(), { productLine: 'quantum' }), 'productLine'],
    [body(w, fresh(), { productLine: 'Storage' }), 'productLine'],
    [body(w, fresh(), { expectedCloseDate: '2026-05-31' }), 'expectedCloseDate'],
    [body(w, fresh(), { expectedCloseDate: '2026-02-30' }), 'expectedCloseDate'],
    [body(w, fresh(), { partnerId: 'nope' }), 'partnerId'],
    [body(w, fresh(), { customer: { name: '', domain: fresh(), country: 'GB' } }), 'customer.name'],
    [body(w, fresh(), { customer: { name: 'X', domain: fresh(), country: 'XX' } }), 'customer.country'],
    [body(w, fresh(), { registeredBy: w.admin.id }), 'registeredBy'],
  ];
  for (const [input, path] of cases)
    expectProblem(await refused(t, () => t.post('/deals', input, w.seller.token)), 400, 'validation_failed', [path]);
  expectProblem(await refused(t, () => t.post('/deals', '{"partnerId":', w.seller.token)), 400, 'malformed_json');
});

test(
  "only the partner's own people register: " +
    'vendor staff 403, other partners and outsiders 404, inactive partners 409',
  async ({ t, w }) => {
    const input = body(w, fresh());
    for (const token of [undefined, w.vendorAdmin.token, w.emeaManager.token])
      expectProblem(await refused(t, () => t.post('/deals', input, token)), 403, 'forbidden');
    expectProblem(await refused(t, () => t.post('/deals', input, w.analyst.token)), 403, 'forbidden');
    expectProblem(await refused(t, () => t.post('/deals', input, w.apacSeller.token)), 404, 'not_found');
    const outsider = await registerPerson(t, 'Nobody');
    expectProblem(await refused(t, () => t.post('/deals', input, t.tokenFor(outsider))), 404, 'not_found');
    const approvedOnly = await approvedPartner(t, { name: 'Not Yet Signed' });
    const early = await employee(t, approvedOnly, 'admin');
    expectProblem(
      await refused(t, () =>
        t.post(
          '/deals',
          dealBody(approvedOnly, { customer: { name: 'C', domain: fresh(), country: 'DE' } }),
          early.token,
        ),
      ),
      409,
      'invalid_state',
    );
    expectProblem(
      await refused(t, () => t.post('/deals', dealBody('ptr_unknown000001'), w.seller.token)),
      404,
      'not_found',
    );
  },
);

test('a person who left the partner can no longer register for it', async ({ t, w }) => {
  const leaver = await employee(t, w.emea, 'sales');
  expectStatus(await t.post(`/partners/${w.emea}/employees/${leaver.id}/leave`, {}), 200);
  expectProblem(await refused(t, () => t.post('/deals', body(w, fresh()), leaver.token)), 404, 'not_found');
});

test('the same customer and product line from two partners: both flagged, the vendor sees them side by side', async ({
  t,
  w,
}) => {
  const domain = fresh();
  const a = await registerDeal(t, w.seller.token, body(w, domain));
  const b = await registerDeal(
    t,
    w.apacSeller.token,
    dealBody(w.apac, { customer: { name: 'Same Customer', domain: `https://eu.shop.${domain}/`, country: 'GB' } }),
  );
  const other = await registerDeal(
    t,
    w.apacSeller.token,
    dealBody(w.apac, { customer: { name: 'Same Customer', domain, country: 'GB' }, productLine: 'compute' }),
  );
  assert.is(at(await dealOf(t, other), 'conflict'), false, 'another product line is another opportunity');
  const [seenA, seenB] = [await dealOf(t, a, w.seller.token), await dealOf(t, b, w.apacSeller.token)];
  assert.equal([at(seenA, 'conflict'), at(seenB, 'conflict')], [true, true]);
  assert.equal(
    [at(seenA, 'conflicts'), at(seenB, 'conflicts')],
    [undefined, undefined],
    'each partner sees only its own deal and the flag',
  );
  const vendor = obj(await dealOf(t, b, w.vendorAdmin.token));
  assert.equal(
    list(vendor.conflicts).map((c) => [at(c, 'id'), at(c, 'partnerId')]),
    [[a, w.emea]],
  );
  assert.is(vendor.conflictsOutsideYourScope, 0);
  // The EMEA channel manager sees deal a, and that it collides with something outside its regions.
  const emeaView = obj(await dealOf(t, a, w.emeaManager.token));
  assert.equal([emeaView.conflicts, emeaView.conflictsOutsideYourScope], [[], 1]);
  expectStatus(await t.get(`/deals/${b}`, w.emeaManager.token), 404);
  expectStatus(await t.get(`/deals/${a}`, w.apacSeller.token), 404);
});

test('registering the same customer twice for one partner is a duplicate (409), not a conflict', async ({ t, w }) => {
  const domain = fresh();
  await registerDeal(t, w.seller.token, body(w, domain));
  expectProblem(await refused(t, () => t.post('/deals', body(w, `www.${domain}`), w.seller2.token)), 409, 'duplicate');
});

test(
  'approval protects for dealProtectionDays; ' + 'a colliding approval is 409 channel_conflict and appends nothing',
  async ({ t, w }) => {
    const domain = fresh();
    const a = await registerDeal(t, w.seller.token, body(w, domain));
    const b = await registerDeal(
      t,
      w.apacSeller.token,
      dealBody(w.apac, { customer: { name: 'C', domain, country: 'GB' } }),
    );
    const approved = expectStatus(await t.post(`/deals/${a}/approve`, {}, w.emeaManager.token), 200);
    assert.equal([at(approved.body, 'id'), at(approved.body, 'version')], [a, 2]);
    const deal = obj(await dealOf(t, a));
    assert.equal([deal.status, deal.protectionActive, deal.protectionDays], ['approved', true, 90]);
    assert.is(deal.protectedUntil, new Date(t.clock.now().getTime() + 90 * DAY).toISOString());
    expectProblem(
      await refused(t, () => t.post(`/deals/${b}/approve`, {}, w.apacManager.token)),
      409,
      'channel_conflict',
    );
    expectProblem(await refused(t, () => t.post(`/deals/${a}/approve`, {}, w.emeaManager.token)), 409, 'invalid_state');
    assert.is(at(await dealOf(t, b), 'status'), 'submitted', 'the other registration waits');
  },
);

test('protectionDays overrides the channel setting, which changes the default', async ({ t, w }) => {
  const a = await registerDeal(t, w.seller.token, body(w, fresh()));
  expectStatus(await t.post(`/deals/${a}/approve`, { protectionDays: 30 }, w.vendorAdmin.token), 200);
  assert.is(at(await dealOf(t, a), 'protectedUntil'), new Date(t.clock.now().getTime() + 30 * DAY).toISOString());
  expectStatus(await t.put('/channel/settings', { dealProtectionDays: 45 }), 200);
  const b = await registerDeal(t, w.seller.token, body(w, fresh()));
  expectStatus(await t.post(`/deals/${b}/approve`, {}, w.emeaManager.token), 200);
  assert.is(at(await dealOf(t, b), 'protectionDays'), 45);
  expectStatus(await t.put('/channel/settings', { dealProtectionDays: 90 }), 200);
  for (const bad of [
    { protectionDays: 0 },
    { protectionDays: 1.5 },
    { protectionDays: 4000 },
    { protectionDays: '30' },
  ])
    expectProblem(
      await refused(t, () => t.post(`/deals/${a}/approve`, bad, w.emeaManager.token)),
      400,
      'validation_failed',
      ['protectionDays'],
    );
});

test("who decides: the partner's channel manager or a vendor admin; partner people 403, other regions 404", async ({
  t,
  w,
}) => {
  const a = await registerDeal(t, w.seller.token, body(w, fresh()));
  for (const token of [w.seller.token, w.admin.token, w.manager.token]) {
    expectProblem(await refused(t, () => t.post(`/deals/${a}/approve`, {}, token)), 403, 'forbidden');
    expectProblem(await refused(t, () => t.post(`/deals/${a}/reject`, { reason: 'x' }, token)), 403, 'forbidden');
  }
  expectProblem(await refused(t, () => t.post(`/deals/${a}/approve`, {}, w.analyst.token)), 403, 'forbidden');
  expectProblem(await refused(t, () => t.post(`/deals/${a}/approve`, {}, w.apacManager.token)), 404, 'not_found');
  expectProblem(await refused(t, () => t.post(`/deals/${a}/approve`, {}, w.apacAdmin.token)), 404, 'not_found');
  expectProblem(await refused(t, () => t.post(`/deals/${a}/approve`, {}, w.seller2.token)), 404, 'not_found', []);
  expectProblem(await refused(t, () => t.post('/deals/deal_doesnotexist1/approve', {})), 404, 'not_found');
  expectProblem(await refused(t, () => t.post('/deals/not-a-deal/approve', {})), 400, 'validation_failed', [
    'params.id',
  ]);
  expectStatus(await t.post(`/deals/${a}/approve`, {}), 200);
});

test('reject with a reason frees the customer for the next registration', async ({ t, w }) => {
  const domain = fresh();
  const a = await registerDeal(t, w.seller.token, body(w, domain));
  const b = await registerDeal(
    t,
    w.apacSeller.token,
    dealBody(w.apac, { customer: { name: 'C', domain, country: 'GB' } }),
  );
  expectProblem(
    await refused(t, () => t.post(`/deals/${a}/reject`, {}, w.emeaManager.token)),
    400,
    'validation_failed',
    ['reason'],
  );
  expectStatus(
    await t.post(`/deals/${a}/reject`, { reason: 'the customer is a named direct account' }, w.emeaManager.token),
    200,
  );
  const rejected = obj(await dealOf(t, a, w.seller.token));
  assert.equal([rejected.status, rejected.reason], ['rejected', 'the customer is a named direct account']);
  expectProblem(await refused(t, () => t.post(`/deals/${a}/approve`, {}, w.emeaManager.token)), 409, 'invalid_state');
  expectStatus(await t.post(`/deals/${b}/approve`, {}, w.apacManager.token), 200);
});

test('withdraw: the registrant or the partner admin/manager, only before approval', async ({ t, w }) => {
  const a = await registerDeal(t, w.seller.token, body(w, fresh()));
  expectProblem(await refused(t, () => t.post(`/deals/${a}/withdraw`, {}, w.emeaManager.token)), 403, 'forbidden');
  expectProblem(await refused(t, () => t.post(`/deals/${a}/withdraw`, {}, w.seller2.token)), 404, 'not_found');
  expectStatus(await t.post(`/deals/${a}/withdraw`, { reason: 'entered by mistake' }, w.seller.token), 200);
  assert.is(at(await dealOf(t, a), 'status'), 'withdrawn');
  const b = await registerDeal(t, w.seller2.token, body(w, fresh()));
  expectStatus(await t.post(`/deals/${b}/withdraw`, {}, w.manager.token), 200);
  const c = await registerDeal(t, w.seller.token, body(w, fresh()));
  expectStatus(await t.post(`/deals/${c}/approve`, {}, w.emeaManager.token), 200);
  expectProblem(await refused(t, () => t.post(`/deals/${c}/withdraw`, {}, w.seller.token)), 409, 'invalid_state');
});

test('extend: a later date with a reason, at most maxDealExtensions times; dates mean the end of that day', async ({
  t,
  w,
}) => {
  const a = await registerDeal(t, w.seller.token, body(w, fresh()));
  expectStatus(await t.post(`/deals/${a}/approve`, {}, w.emeaManager.token), 200);
  t.clock.advance(60 * DAY);
  const [seller, manager] = [t.tokenFor(w.seller.id), t.tokenFor(w.emeaManager.id)];
  const extend = (input: unknown, token = manager) => t.post(`/deals/${a}/extend`, input, token);
  expectProblem(
    await refused(t, () => extend({ protectedUntil: '2026-09-15', reason: 'board meets later' }, seller)),
    403,
    'forbidden',
  );
  expectProblem(
    await refused(t, () => extend({ protectedUntil: '2026-08-01', reason: 'earlier' })),
    400,
    'validation_failed',
    ['protectedUntil'],
  );
  expectProblem(
    await refused(t, () => extend({ protectedUntil: 'next month', reason: 'x' })),
    400,
    'validation_failed',
    ['protectedUntil'],
  );
  expectProblem(await refused(t, () => extend({ protectedUntil: '2026-09-15' })), 400, 'validation_failed', ['reason']);
  // At most one protection period (90 days) from now: 2026-10-29.
  expectProblem(
    await refused(t, () => extend({ protectedUntil: '2026-10-30', reason: 'too far' })),
    400,
    'validation_failed',
    ['protectedUntil'],
  );
  expectStatus(await extend({ protectedUntil: '2026-09-15', reason: 'board meets later' }), 200);
  const once = obj(await dealOf(t, a));
  assert.equal([once.protectedUntil, once.extensionCount], ['2026-09-15T23:59:59.999Z', 1]);
  expectStatus(await extend({ protectedUntil: '2026-09-20T12:00:00Z', reason: 'procurement' }, ADMIN), 200);
  assert.is(at(await dealOf(t, a), 'protectedUntil'), '2026-09-20T12:00:00.000Z');
  expectProblem(
    await refused(t, () => extend({ protectedUntil: '2026-09-25', reason: 'third' })),
    422,
    'limit_exceeded',
  );
  t.clock.set(START);
});

test('won: amount and closing date, by the partner or its channel manager; the claim stays closed to others', async ({
  t,
  w,
}) => {
  const domain = fresh();
  const a = await registerDeal(t, w.seller.token, body(w, domain));
  expectStatus(await t.post(`/deals/${a}/approve`, {}, w.emeaManager.token), 200);
  expectProblem(
    await refused(t, () =>
      t.post(
        `/deals/${a}/won`,
        { amount: { amountMinor: 4_900_000, currency: 'EUR' }, closedAt: '2026-06-02' },
        w.seller.token,
      ),
    ),
    400,
    'validation_failed',
    ['closedAt'],
  );
  expectProblem(
    await refused(t, () =>
      t.post(
        `/deals/${a}/won`,
        { amount: { amountMinor: -1, currency: 'EUR' }, closedAt: '2026-06-01' },
        w.seller.token,
      ),
    ),
    400,
    'validation_failed',
    ['amount.amountMinor'],
  );
  expectProblem(
    await refused(t, () => t.post(`/deals/${a}/won`, { amount: { amountMinor: 1, currency: 'EUR' } }, w.seller.token)),
    400,
    'validation_failed',
    ['closedAt'],
  );
  const win = expectStatus(
    await t.post(
      `/deals/${a}/won`,
      { amount: { amountMinor: 4_900_000, currency: 'EUR' }, closedAt: '2026-06-01' },
      w.seller.token,
    ),
    200,
  );
  // DealWon earns points through a policy: let it settle so that refusals below can be counted.
  await t.platform.policies.waitFor(num(win.body, 'position'));
  await t.platform.runner.waitFor(await t.eventCount());
  const won = obj(await dealOf(t, a));
  assert.equal(
    [won.status, won.wonAmount, won.closedAt],
    ['won', { amountMinor: 4_900_000, currency: 'EUR' }, '2026-06-01T00:00:00.000Z'],
  );
  expectProblem(
    await refused(t, () => t.post(`/deals/${a}/lost`, { reason: 'x' }, w.seller.token)),
    409,
    'invalid_state',
  );
  const b = await registerDeal(
    t,
    w.apacSeller.token,
    dealBody(w.apac, { customer: { name: 'C', domain, country: 'GB' } }),
  );
  assert.is(at(await dealOf(t, b), 'conflict'), true, 'a won deal still protects its customer');
  expectProblem(
    await refused(t, () => t.post(`/deals/${b}/approve`, {}, w.apacManager.token)),
    409,
    'channel_conflict',
  );
});

test('lost: with a reason; it releases the customer to the other partner', async ({ t, w }) => {
  const domain = fresh();
  const a = await registerDeal(t, w.seller.token, body(w, domain));
  const b = await registerDeal(
    t,
    w.apacSeller.token,
    dealBody(w.apac, { customer: { name: 'C', domain, country: 'GB' } }),
  );
  expectStatus(await t.post(`/deals/${a}/approve`, {}, w.emeaManager.token), 200);
  expectProblem(
    await refused(t, () => t.post(`/deals/${b}/approve`, {}, w.apacManager.token)),
    409,
    'channel_conflict',
  );
  expectProblem(await refused(t, () => t.post(`/deals/${a}/lost`, {}, w.manager.token)), 400, 'validation_failed', [
    'reason',
  ]);
  expectProblem(
    await refused(t, () => t.post(`/deals/${a}/lost`, { reason: 'x' }, w.apacSeller.token)),
    404,
    'not_found',
  );
  expectStatus(await t.post(`/deals/${a}/lost`, { reason: 'lost on price' }, w.manager.token), 200);
  assert.equal([at(await dealOf(t, a), 'status'), at(await dealOf(t, a), 'reason')], ['lost', 'lost on price']);
  expectStatus(await t.post(`/deals/${b}/approve`, {}, w.apacManager.token), 200);
});

test('expiry: the sweeper records DealExpired once protection lapsed and releases the customer', async ({ t, w }) => {
  const domain = fresh();
  const a = await registerDeal(t, w.seller.token, body(w, domain));
  expectStatus(await t.post(`/deals/${a}/approve`, { protectionDays: 10 }, w.emeaManager.token), 200);
  const b = await registerDeal(
    t,
    w.apacSeller.token,
    dealBody(w.apac, { customer: { name: 'C', domain, country: 'GB' } }),
  );
  const sweeper = dealExpirySweeper(t.platform);
  t.clock.advance(10 * DAY - 1);
  const early = await sweeper.sweep(t.clock.now());
  assert.is(early.changed, 0);
  assert.is(at(await dealOf(t, a), 'status'), 'approved');
  t.clock.advance(1);
  assert.is(at(await dealOf(t, a), 'protectionActive'), false, 'lapsed before the sweeper records it');
  expectProblem(
    await refused(t, () =>
      t.post(
        `/deals/${a}/won`,
        { amount: { amountMinor: 1, currency: 'EUR' }, closedAt: '2026-06-05' },
        t.tokenFor(w.seller.id),
      ),
    ),
    409,
    'invalid_state',
  );
  const report = await sweeper.sweep(t.clock.now());
  assert.equal([report.changed, report.failed ?? 0], [1, 0], JSON.stringify(report));
  await t.platform.runner.waitFor(await t.eventCount());
  const expired = obj(await dealOf(t, a));
  assert.equal([expired.status, typeof expired.expiredAt], ['expired', 'string']);
  const again = await sweeper.sweep(t.clock.now());
  assert.is(again.changed, 0, 'a second sweep changes nothing');
  expectStatus(await t.post(`/deals/${b}/approve`, {}, t.tokenFor(w.apacManager.id)), 200);
  t.clock.set(START);
});

test('If-Match and Idempotency-Key work on deal commands', async ({ t, w }) => {
  const a = await registerDeal(t, w.seller.token, body(w, fresh()));
  expectProblem(
    await refused(t, () => t.post(`/deals/${a}/approve`, {}, w.emeaManager.token, { 'if-match': '"7"' })),
    412,
    'version_mismatch',
  );
  expectStatus(await t.post(`/deals/${a}/approve`, {}, w.emeaManager.token, { 'if-match': '"1"' }), 200);
  const key = { 'idempotency-key': `register-${fresh()}` };
  const input = body(w, fresh());
  const first = expectStatus(await t.post('/deals', input, w.seller.token, key), 201);
  const replay = await refused(t, () => t.post('/deals', input, w.seller.token, key));
  assert.equal(
    [replay.status, at(replay.body, 'id'), replay.headers['idempotent-replayed']],
    [201, at(first.body, 'id'), 'true'],
  );
});

test.run();
