/**
 * Partners over HTTP: the lifecycle of DESIGN §4 through its command routes, every refusal of a
 * wrong state as 409 with nothing appended, and the directory queries with filters and pages.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { at, list, obj, str, strOrNull } from '../support/json.js';
import { startTestApp, type TestApp } from '../support/testApp.js';
import {
  activePartner,
  applyPartner,
  approvedPartner,
  expectProblem,
  expectStatus,
  partnerBody,
  refused,
  vendorStaff,
} from './fixtures.js';

const test = suite<{ t: TestApp }>('HTTP: partners');
test.before(async (ctx) => {
  ctx.t = await startTestApp();
});
test.after(async (ctx) => ctx.t?.dispose());

const view = async (t: TestApp, id: string) => expectStatus(await t.get(`/partners/${id}`), 200).body;

test('apply answers 201 with id, stream, version and position, and the directory shows the applicant', async ({
  t,
}) => {
  const r = expectStatus(await t.post('/partners', partnerBody({ name: 'Applicant AG' })), 201);
  assert.match(str(r.body, 'id'), /^ptr_/);
  assert.is(at(r.body, 'streamId'), `partner-${at(r.body, 'id')}`);
  assert.is(at(r.body, 'version'), 1);
  assert.is(at(r.body, 'position'), await t.eventCount());
  assert.is(r.headers.etag, '"1"');
  const partner = obj(await view(t, str(r.body, 'id')));
  assert.equal(
    {
      name: partner.name,
      status: partner.status,
      tier: partner.tier,
      country: partner.country,
      region: partner.region,
      type: partner.type,
      employeeCount: partner.employeeCount,
    },
    {
      name: 'Applicant AG',
      status: 'applied',
      tier: null,
      country: 'DE',
      region: 'emea',
      type: 'reseller',
      employeeCount: 0,
    },
  );
});

test('approve sets the tier; approving again, or approving an active partner, is 409 and appends nothing', async ({
  t,
}) => {
  const id = await applyPartner(t);
  expectStatus(await t.post(`/partners/${id}/approve`, { tier: 'gold' }), 200);
  assert.equal([at(await view(t, id), 'status'), at(await view(t, id), 'tier')], ['approved', 'gold']);
  expectProblem(await refused(t, () => t.post(`/partners/${id}/approve`, { tier: 'gold' })), 409, 'invalid_state');
  const active = await activePartner(t);
  expectProblem(
    await refused(t, () => t.post(`/partners/${active}/approve`, { tier: 'platinum' })),
    409,
    'invalid_state',
  );
});

test('reject ends an application: a rejected partner cannot be approved or signed', async ({ t }) => {
  const id = await applyPartner(t);
  expectStatus(await t.post(`/partners/${id}/reject`, { reason: 'no coverage in the region' }), 200);
  assert.is(at(await view(t, id), 'status'), 'rejected');
  expectProblem(await refused(t, () => t.post(`/partners/${id}/approve`, { tier: 'silver' })), 409, 'invalid_state');
  expectProblem(
    await refused(t, () => t.post(`/partners/${id}/agreements`, { agreementVersion: '1', signedBy: 'Jane Doe' })),
    409,
    'invalid_state',
  );
  expectProblem(await refused(t, () => t.post(`/partners/${id}/reject`, { reason: 'again' })), 409, 'invalid_state');
});

test(
  'signing the agreement activates an approved partner; ' + 'the same version twice is 409; an applicant cannot sign',
  async ({ t }) => {
    const applicant = await applyPartner(t);
    expectProblem(
      await refused(t, () =>
        t.post(`/partners/${applicant}/agreements`, { agreementVersion: '1', signedBy: 'Jane Doe' }),
      ),
      409,
      'invalid_state',
    );
    const id = await approvedPartner(t);
    const signed = expectStatus(
      await t.post(`/partners/${id}/agreements`, { agreementVersion: '2026.1', signedBy: 'Jane Doe' }),
      200,
    );
    assert.is(at(signed.body, 'version'), 4, 'PartnerAgreementSigned and PartnerActivated');
    const partner = obj(await view(t, id));
    assert.equal(
      [partner.status, partner.agreementVersion, typeof partner.activatedAt],
      ['active', '2026.1', 'string'],
    );
    expectProblem(
      await refused(t, () =>
        t.post(`/partners/${id}/agreements`, { agreementVersion: '2026.1', signedBy: 'Jane Doe' }),
      ),
      409,
      'invalid_state',
    );
    expectStatus(await t.post(`/partners/${id}/agreements`, { agreementVersion: '2027.1', signedBy: 'Jane Doe' }), 200);
    assert.is(at(await view(t, id), 'agreementVersion'), '2027.1');
  },
);

test('tier and region change; a change to the current value is 409', async ({ t }) => {
  const id = await activePartner(t, {}, 'silver');
  expectStatus(await t.post(`/partners/${id}/tier`, { tier: 'platinum', reason: 'record year' }), 200);
  expectProblem(
    await refused(t, () => t.post(`/partners/${id}/tier`, { tier: 'platinum', reason: 'again' })),
    409,
    'invalid_state',
  );
  expectStatus(await t.post(`/partners/${id}/region`, { region: 'apac' }), 200);
  expectProblem(await refused(t, () => t.post(`/partners/${id}/region`, { region: 'apac' })), 409, 'invalid_state');
  const partner = obj(await view(t, id));
  assert.equal([partner.tier, partner.region], ['platinum', 'apac']);
  const applicant = await applyPartner(t);
  expectProblem(
    await refused(t, () => t.post(`/partners/${applicant}/tier`, { tier: 'gold', reason: 'early' })),
    409,
    'invalid_state',
  );
});

test('a channel manager is assigned only when the person holds the role; an unknown person is 404', async ({ t }) => {
  const id = await activePartner(t);
  const plain = await vendorStaff(t, 'auditor');
  expectProblem(
    await refused(t, () => t.post(`/partners/${id}/channel-manager`, { personId: plain.id })),
    409,
    'invalid_state',
  );
  expectProblem(
    await refused(t, () => t.post(`/partners/${id}/channel-manager`, { personId: 'per_nobody000001' })),
    404,
    'not_found',
  );
  const manager = await vendorStaff(t, 'channel_manager', ['apac']);
  expectStatus(await t.post(`/partners/${id}/channel-manager`, { personId: manager.id }), 200);
  assert.is(at(await view(t, id), 'channelManagerId'), manager.id);
  expectProblem(
    await refused(t, () => t.post(`/partners/${id}/channel-manager`, { personId: manager.id })),
    409,
    'invalid_state',
  );
});

test(
  'quotas per period are shown on the partner, the latest amount per period wins; ' + 'an applicant has no quota',
  async ({ t }) => {
    const id = await activePartner(t);
    expectStatus(
      await t.post(`/partners/${id}/quotas`, {
        period: '2026-Q3',
        amount: { amountMinor: 5_000_000, currency: 'EUR' },
      }),
      200,
    );
    expectStatus(
      await t.post(`/partners/${id}/quotas`, { period: '2026-Q4', amount: { amountMinor: 0, currency: 'EUR' } }),
      200,
    );
    expectStatus(
      await t.post(`/partners/${id}/quotas`, {
        period: '2026-Q3',
        amount: { amountMinor: 7_500_000, currency: 'EUR' },
      }),
      200,
    );
    assert.equal(at(await view(t, id), 'quotas'), [
      { period: '2026-Q3', amount: { amountMinor: 7_500_000, currency: 'EUR' } },
      { period: '2026-Q4', amount: { amountMinor: 0, currency: 'EUR' } },
    ]);
    const applicant = await applyPartner(t);
    expectProblem(
      await refused(t, () =>
        t.post(`/partners/${applicant}/quotas`, { period: '2026-Q3', amount: { amountMinor: 1, currency: 'EUR' } }),
      ),
      409,
      'invalid_state',
    );
  },
);

test('suspend and reinstate toggle an active partner; each refuses the wrong state', async ({ t }) => {
  const id = await activePartner(t);
  expectProblem(await refused(t, () => t.post(`/partners/${id}/reinstate`, {})), 409, 'invalid_state');
  expectStatus(await t.post(`/partners/${id}/suspend`, { reason: 'unpaid invoices' }), 200);
  assert.is(at(await view(t, id), 'status'), 'suspended');
  expectProblem(await refused(t, () => t.post(`/partners/${id}/suspend`, { reason: 'again' })), 409, 'invalid_state');
  // A command without fields needs no body at all (curl -X POST without -d).
  expectStatus(await t.request('POST', `/partners/${id}/reinstate`), 200);
  assert.is(at(await view(t, id), 'status'), 'active');
  const approved = await approvedPartner(t);
  expectProblem(
    await refused(t, () => t.post(`/partners/${approved}/suspend`, { reason: 'not active yet' })),
    409,
    'invalid_state',
  );
});

test('terminate is final: nothing else changes a terminated partner', async ({ t }) => {
  const id = await activePartner(t);
  expectStatus(await t.post(`/partners/${id}/terminate`, { reason: 'contract ended' }), 200);
  assert.is(at(await view(t, id), 'status'), 'terminated');
  for (const [action, body] of [
    ['terminate', { reason: 'again' }],
    ['reinstate', {}],
    ['suspend', { reason: 'x' }],
    ['tier', { tier: 'gold', reason: 'x' }],
    ['region', { region: 'apac' }],
    ['quotas', { period: '2026-Q3', amount: { amountMinor: 1, currency: 'EUR' } }],
  ] as const) {
    expectProblem(await refused(t, () => t.post(`/partners/${id}/${action}`, body)), 409, 'invalid_state');
  }
});

test('two-tier: a reseller may name an approved or active distributor as parent, nothing else', async ({ t }) => {
  const distributor = await activePartner(t, { type: 'distributor', name: 'Big Distri' });
  const child = at(
    expectStatus(await t.post('/partners', partnerBody({ parentPartnerId: distributor })), 201).body,
    'id',
  );
  assert.is(at(await view(t, str(child)), 'parentPartnerId'), distributor);
  const reseller = await activePartner(t);
  expectProblem(
    await refused(t, () => t.post('/partners', partnerBody({ parentPartnerId: reseller }))),
    409,
    'invalid_state',
  );
  expectProblem(
    await refused(t, () => t.post('/partners', partnerBody({ type: 'msp', parentPartnerId: distributor }))),
    409,
    'invalid_state',
  );
  expectProblem(
    await refused(t, () => t.post('/partners', partnerBody({ parentPartnerId: 'ptr_unknown00001' }))),
    404,
    'not_found',
  );
  const applicantDistributor = await applyPartner(t, { type: 'distributor' });
  expectProblem(
    await refused(t, () => t.post('/partners', partnerBody({ parentPartnerId: applicantDistributor }))),
    409,
    'invalid_state',
  );
});

test('commands and queries on an unknown partner are 404', async ({ t }) => {
  expectProblem(
    await refused(t, () => t.post('/partners/ptr_unknown00001/approve', { tier: 'gold' })),
    404,
    'not_found',
  );
  expectProblem(await t.get('/partners/ptr_unknown00001'), 404, 'not_found');
  expectProblem(await t.get('/partners/ptr_unknown00001/employees'), 404, 'not_found');
});

test(
  'the directory filters by status, tier, region, type, ' + 'parent and name, and pages without gaps or repeats',
  async () => {
    const t = await startTestApp();
    try {
      const ids: string[] = [];
      for (let i = 0; i < 7; i++)
        ids.push(
          await activePartner(t, { name: `Pager ${i}`, region: i % 2 ? 'apac' : 'emea' }, i < 3 ? 'gold' : 'silver'),
        );
      const applicant = await applyPartner(t, { name: 'Waiting Ltd', type: 'msp' });
      const partnersWhere = async (query: string) => expectStatus(await t.get(`/partners?${query}`), 200).body;
      assert.is(
        list(await partnersWhere('status=applied'), 'items')
          .map((p) => at(p, 'id'))
          .join(),
        applicant,
      );
      assert.is(list(await partnersWhere('tier=gold'), 'items').length, 3);
      assert.is(list(await partnersWhere('region=apac'), 'items').length, 3);
      assert.is(list(await partnersWhere('type=msp'), 'items').length, 1);
      assert.is(at(await partnersWhere('q=Pager%203'), 'items', 0, 'id'), ids[3]);
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page = await partnersWhere(`limit=3${cursor ? `&cursor=${cursor}` : ''}`);
        assert.ok(list(page, 'items').length <= 3);
        seen.push(...list(page, 'items').map((p) => str(p, 'id')));
        cursor = strOrNull(page, 'nextCursor');
      } while (cursor);
      assert.equal(seen, [...ids, applicant].sort());
      const one = list(await partnersWhere('limit=50'), 'items').find((p) => at(p, 'id') === ids[0]);
      assert.equal(Object.keys(obj(one, 'readiness')).sort(), [
        'compute',
        'network',
        'services',
        'software',
        'storage',
      ]);
    } finally {
      await t.dispose();
    }
  },
);

test.run();
