/**
 * Content commands over HTTP: publish, change audience, retire; who may issue them (vendor admins
 * and channel managers), bad input as 400 with field paths, wrong states as 409, nothing appended
 * when refused.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { at, list, obj, str } from '../support/json.js';
import { startTestApp, type TestApp } from '../support/testApp.js';
import { contentBody, publish } from './contentFixtures.js';
import {
  activePartner,
  defineProgram,
  employee,
  expectProblem,
  expectStatus,
  refused,
  vendorStaff,
} from './fixtures.js';

const test = suite<{ t: TestApp }>('HTTP: content commands');
test.before(async (ctx) => {
  ctx.t = await startTestApp();
});
test.after(async (ctx) => ctx.t?.dispose());

test('a vendor admin publishes: 201 with id, stream, version and position; the item shows its audience', async ({
  t,
}) => {
  const program = await defineProgram(t);
  const partner = await activePartner(t);
  const audience = {
    tiers: ['gold', 'platinum'],
    regions: ['emea'],
    partnerTypes: ['reseller'],
    roles: ['sales'],
    requiredPrograms: [program],
    partnerIds: [partner],
  };
  const r = expectStatus(
    await t.post('/content', contentBody(audience, { kind: 'price_list', title: 'Price list 2026' })),
    201,
  );
  assert.match(str(r.body, 'id'), /^cnt_/);
  assert.is(at(r.body, 'streamId'), `content-${at(r.body, 'id')}`);
  assert.is(at(r.body, 'version'), 1);
  assert.is(at(r.body, 'position'), await t.eventCount());
  const item = expectStatus(await t.get(`/content/${at(r.body, 'id')}`), 200);
  assert.equal(
    {
      title: at(item.body, 'title'),
      kind: at(item.body, 'kind'),
      uri: at(item.body, 'uri'),
      status: at(item.body, 'status'),
      version: at(item.body, 'version'),
    },
    {
      title: 'Price list 2026',
      kind: 'price_list',
      uri: 'https://cdn.example/battle-card.pdf',
      status: 'published',
      version: 1,
    },
  );
  assert.equal(at(item.body, 'audience'), { ...audience, tiers: ['gold', 'platinum'] });
  assert.is(item.headers.etag, '"1"');
});

test(
  'channel managers publish, change audiences and retire; ' + 'auditors, analysts and partner people may not publish',
  async ({ t }) => {
    const cm = await vendorStaff(t, 'channel_manager', ['apac']);
    const id = await publish(t, {}, {}, cm.token);
    expectStatus(await t.post(`/content/${id}/audience`, { audience: { roles: ['sales'] } }, cm.token), 200);
    expectStatus(await t.post(`/content/${id}/retire`, {}, cm.token), 200);
    const partner = await activePartner(t);
    for (const who of [
      await vendorStaff(t, 'auditor'),
      await vendorStaff(t, 'analyst'),
      await employee(t, partner, 'admin'),
    ])
      expectProblem(await refused(t, () => t.post('/content', contentBody(), who.token)), 403, 'forbidden');
  },
);

test('partner people: 403 on an item they can see, 404 on one they cannot (existence not revealed)', async ({ t }) => {
  const partner = await activePartner(t, { region: 'emea' });
  const seller = await employee(t, partner, 'sales');
  const visible = await publish(t, { regions: ['emea'] });
  const hidden = await publish(t, { regions: ['apac'] });
  expectProblem(
    await refused(t, () => t.post(`/content/${visible}/audience`, { audience: {} }, seller.token)),
    403,
    'forbidden',
  );
  expectProblem(await refused(t, () => t.post(`/content/${visible}/retire`, {}, seller.token)), 403, 'forbidden');
  expectProblem(
    await refused(t, () => t.post(`/content/${hidden}/audience`, { audience: {} }, seller.token)),
    404,
    'not_found',
  );
  expectProblem(await refused(t, () => t.post(`/content/${hidden}/retire`, {}, seller.token)), 404, 'not_found');
  expectProblem(await refused(t, () => t.post('/content/cnt_unknown00001/retire', {}, seller.token)), 404, 'not_found');
});

test('bad input: 400 with the field paths, nothing appended', async ({ t }) => {
  const cases: [unknown, string[]][] = [
    [{ kind: 'collateral', uri: 'https://x.example/a', audience: {} }, ['title']],
    [contentBody({}, { title: '' }), ['title']],
    [contentBody({}, { kind: 'brochure' }), ['kind']],
    [contentBody({}, { uri: 'javascript:alert(1)' }), ['uri']],
    [contentBody({}, { uri: 'not a uri' }), ['uri']],
    [{ title: 'x', kind: 'other', uri: 'https://x.example/a' }, ['audience']],
    [contentBody({ tiers: [] }), ['audience.tiers']],
    [contentBody({ tiers: ['diamond'], regions: ['EMEA'] }), ['audience.tiers[0]', 'audience.regions[0]']],
    [contentBody({ partnerTypes: ['vendor'], roles: ['ceo'] }), ['audience.partnerTypes[0]', 'audience.roles[0]']],
    [
      contentBody({ requiredPrograms: ['nonsense'], partnerIds: ['per_abcdefgh'] }),
      ['audience.requiredPrograms[0]', 'audience.partnerIds[0]'],
    ],
    [contentBody({ roles: ['sales', 'sales'] }), ['audience.roles']],
    [contentBody({ everyone: true }), ['audience.everyone']],
    [contentBody({}, { draft: true }), ['draft']],
    [contentBody({ regions: 'emea' }), ['audience.regions']],
  ];
  for (const [body, paths] of cases)
    expectProblem(await refused(t, () => t.post('/content', body)), 400, 'validation_failed', paths);
  expectProblem(await refused(t, () => t.post('/content', '{"title":')), 400, 'malformed_json');
});

test('an audience naming unknown programs or partners: 400 at those paths, nothing appended', async ({ t }) => {
  const program = await defineProgram(t);
  const partner = await activePartner(t);
  const r = await refused(t, () =>
    t.post(
      '/content',
      contentBody({ requiredPrograms: [program, 'prg_unknown0001'], partnerIds: ['ptr_unknown0001', partner] }),
    ),
  );
  expectProblem(r, 400, 'validation_failed', ['audience.requiredPrograms[1]', 'audience.partnerIds[0]']);
  assert.is(list(r.body, 'errors').length, 2);
  const id = await publish(t);
  expectProblem(
    await refused(t, () => t.post(`/content/${id}/audience`, { audience: { partnerIds: ['ptr_unknown0001'] } })),
    400,
    'validation_failed',
    ['audience.partnerIds[0]'],
  );
});

test('change audience: 200 with the next version; the same audience again is 409; bad input 400', async ({ t }) => {
  const id = await publish(t, { tiers: ['gold'] });
  const r = expectStatus(await t.post(`/content/${id}/audience`, { audience: { tiers: ['gold', 'silver'] } }), 200);
  assert.equal([at(r.body, 'id'), at(r.body, 'version')], [id, 2]);
  assert.equal(at((await t.get(`/content/${id}`)).body, 'audience'), { tiers: ['gold', 'silver'] });
  expectProblem(
    await refused(t, () => t.post(`/content/${id}/audience`, { audience: { tiers: ['silver', 'gold'] } })),
    409,
    'invalid_state',
  );
  expectProblem(await refused(t, () => t.post(`/content/${id}/audience`, {})), 400, 'validation_failed', ['audience']);
  expectProblem(
    await refused(t, () => t.post(`/content/${id}/audience`, { audience: { tiers: ['gold'] }, title: 'x' })),
    400,
    'validation_failed',
    ['title'],
  );
  expectProblem(
    await refused(t, () => t.post('/content/not-an-id/audience', { audience: {} })),
    400,
    'validation_failed',
    ['params.id'],
  );
  expectProblem(
    await refused(t, () => t.post('/content/cnt_unknown00001/audience', { audience: {} })),
    404,
    'not_found',
  );
});

test('retire: 200; again 409; a retired item takes no audience change; vendor staff still find it as retired', async ({
  t,
}) => {
  const id = await publish(t);
  expectStatus(await t.post(`/content/${id}/retire`, {}), 200);
  expectProblem(await refused(t, () => t.post(`/content/${id}/retire`, {})), 409, 'invalid_state');
  expectProblem(
    await refused(t, () => t.post(`/content/${id}/audience`, { audience: { roles: ['admin'] } })),
    409,
    'invalid_state',
  );
  expectProblem(await refused(t, () => t.post(`/content/${id}/retire`, { reason: 'old' })), 400, 'validation_failed', [
    'reason',
  ]);
  const item = obj(expectStatus(await t.get(`/content/${id}`), 200).body);
  assert.equal([item.status, typeof item.retiredAt], ['retired', 'string']);
  const listed = list((await t.get('/content?limit=500')).body, 'items').map((i) => at(i, 'id'));
  assert.not.ok(listed.includes(id), 'retired items are not listed by default');
  const retired = list((await t.get('/content?status=retired&limit=500')).body, 'items').map((i) => at(i, 'id'));
  assert.ok(retired.includes(id));
});

test('If-Match and Idempotency-Key work on content commands', async ({ t }) => {
  const id = await publish(t);
  expectProblem(
    await refused(t, () =>
      t.post(`/content/${id}/audience`, { audience: { roles: ['sales'] } }, undefined, { 'if-match': '"7"' }),
    ),
    412,
    'version_mismatch',
  );
  expectStatus(
    await t.post(`/content/${id}/audience`, { audience: { roles: ['sales'] } }, undefined, { 'if-match': '"1"' }),
    200,
  );
  const first = expectStatus(
    await t.post('/content', contentBody(), undefined, { 'idempotency-key': 'publish-1' }),
    201,
  );
  const again = await refused(t, () =>
    t.post('/content', contentBody(), undefined, { 'idempotency-key': 'publish-1' }),
  );
  assert.equal(
    [again.status, at(again.body, 'id'), again.headers['idempotent-replayed']],
    [201, at(first.body, 'id'), 'true'],
  );
});

test.run();
