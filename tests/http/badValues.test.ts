/**
 * Field values that are well-typed JSON but not valid (DESIGN §3, §6): money (negative, fractional,
 * too large, bad currency), ISO countries, slugs, enums, periods, emails, URLs, ids, numbers out of
 * bounds, malformed instants, and query strings. Each is 400 at the field's path with nothing appended.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { startTestApp, type TestApp } from '../support/testApp.js';
import {
  activePartner,
  defineProgram,
  expectProblem,
  expectStatus,
  partnerBody,
  refused,
  registerPerson,
} from './fixtures.js';

const test = suite<{ t: TestApp; partner: string; person: string; program: string }>('HTTP: bad field values');
test.before(async (ctx) => {
  ctx.t = await startTestApp();
  ctx.partner = await activePartner(ctx.t);
  ctx.person = await registerPerson(ctx.t);
  ctx.program = await defineProgram(ctx.t);
});
test.after(async (ctx) => ctx.t?.dispose());

/** Each value at `field` of `body` must be refused with an error at `path` (default: the field). */
const refuseEach = async (
  t: TestApp,
  method: string,
  url: string,
  body: Record<string, unknown>,
  field: string,
  values: readonly unknown[],
  path = field,
) => {
  for (const value of values) {
    const r = await refused(t, () => t.request(method, url, { ...body, [field]: value }));
    expectProblem(r, 400, 'validation_failed', [path]);
  }
};

const eur = (amountMinor: unknown) => ({ amountMinor, currency: 'EUR' });

test('money: negative, fractional, non-numeric or unsafe amounts are refused at amount.amountMinor', async ({
  t,
  partner,
}) => {
  const url = `/partners/${partner}/quotas`;
  const body = { period: '2026-Q3' };
  await refuseEach(
    t,
    'POST',
    url,
    body,
    'amount',
    [eur(-1), eur(-0.5), eur(0.5), eur(100.01), eur('100'), eur(2 ** 53), eur(1e300), eur(true), eur([1])],
    'amount.amountMinor',
  );
  expectProblem(
    await refused(t, () => t.post(url, '{"period":"2026-Q3","amount":{"amountMinor":1e400,"currency":"EUR"}}')),
    400,
    'validation_failed',
    ['amount.amountMinor'],
  );
  expectProblem(
    await refused(t, () => t.post(url, { ...body, amount: { currency: 'EUR' } })),
    400,
    'validation_failed',
    ['amount.amountMinor'],
  );
  expectStatus(await t.post(url, { ...body, amount: eur(Number.MAX_SAFE_INTEGER) }), 200);
});

test('money: currencies must be upper-case ISO-4217 codes', async ({ t, partner }) => {
  const url = `/partners/${partner}/quotas`;
  const amounts = ['eur', 'Eur', 'EURO', 'EU', '€', 'ABC', 'QQQ', '', ' EUR', 'EUR '].map((currency) => ({
    amountMinor: 100,
    currency,
  }));
  await refuseEach(t, 'POST', url, { period: '2026-Q3' }, 'amount', amounts, 'amount.currency');
  await refuseEach(t, 'POST', url, { period: '2026-Q3' }, 'amount', [{ amountMinor: 100 }], 'amount.currency');
  for (const currency of ['USD', 'JPY', 'CHF'])
    expectStatus(await t.post(url, { period: '2026-Q3', amount: { amountMinor: 100, currency } }), 200);
});

test('periods must be YYYY-Qn', async ({ t, partner }) => {
  await refuseEach(t, 'POST', `/partners/${partner}/quotas`, { amount: eur(1) }, 'period', [
    '2026-Q0',
    '2026-Q5',
    '2026Q1',
    '26-Q1',
    '2026-q1',
    '2026-Q1 ',
    'Q1-2026',
    '2026-01',
  ]);
});

test('countries must be ISO-3166 alpha-2 codes that exist', async ({ t }) => {
  await refuseEach(t, 'POST', '/partners', partnerBody(), 'country', [
    'de',
    'De',
    'DEU',
    'D',
    '',
    'XX',
    'ZZ',
    'UK',
    'EU',
    ' DE',
    '12',
  ]);
  expectStatus(await t.post('/partners', partnerBody({ country: 'GB' })), 201);
});

test('regions and product lines must be lower-case slugs of at most 64 characters', async ({ t, partner }) => {
  const bad = ['EMEA', 'Emea', 'em ea', '-emea', 'emea-', 'em--ea', 'em_ea', '', 'émea', 'emea/x', 'a'.repeat(65)];
  await refuseEach(t, 'POST', '/partners', partnerBody(), 'region', bad);
  await refuseEach(t, 'POST', `/partners/${partner}/region`, {}, 'region', bad);
  await refuseEach(t, 'POST', '/programs', { name: 'P', validForDays: 10, points: 1 }, 'productLine', bad);
  await refuseEach(
    t,
    'PUT',
    '/channel/settings',
    {},
    'productLines',
    bad.map((l) => ['storage', l]),
    'productLines[1]',
  );
  expectStatus(await t.post('/partners', partnerBody({ region: 'north-america-2' })), 201);
});

test('enumerations: partner type, tier, employee role and vendor role accept only their values', async ({
  t,
  partner,
  person,
}) => {
  await refuseEach(t, 'POST', '/partners', partnerBody(), 'type', ['vendor', 'Reseller', 'RESELLER', '']);
  await refuseEach(t, 'POST', `/partners/${partner}/tier`, { reason: 'x' }, 'tier', ['diamond', 'Gold', 'gold ', '']);
  await refuseEach(t, 'POST', `/partners/${partner}/employees`, { personId: person }, 'role', ['ceo', 'Admin', '']);
  await refuseEach(t, 'POST', `/people/${person}/vendor-roles`, {}, 'role', ['root', 'vendor-admin', 'Auditor']);
});

test('vendor role regions: a non-empty list of unique slugs', async ({ t, person }) => {
  const url = `/people/${person}/vendor-roles`;
  await refuseEach(t, 'POST', url, { role: 'channel_manager' }, 'regions', [
    [],
    ['emea', 'emea'],
    'emea',
    Array.from({ length: 101 }, (_, i) => `r${i}`),
  ]);
  await refuseEach(t, 'POST', url, { role: 'channel_manager' }, 'regions', [['EMEA'], ['em ea', 'apac']], 'regions[0]');
  await refuseEach(
    t,
    'POST',
    url,
    { role: 'channel_manager' },
    'regions',
    [
      ['emea', ''],
      ['emea', 'APAC'],
    ],
    'regions[1]',
  );
});

test('names, reasons and agreement versions: trimmed, not blank, bounded', async ({ t, partner }) => {
  await refuseEach(t, 'POST', '/partners', partnerBody(), 'name', ['', '   ', '\n\t', 'x'.repeat(201)]);
  await refuseEach(t, 'POST', `/partners/${partner}/suspend`, {}, 'reason', ['', '    ', 'x'.repeat(2001)]);
  await refuseEach(t, 'POST', `/partners/${partner}/agreements`, { signedBy: 'Jane Doe' }, 'agreementVersion', [
    '',
    'v 1',
    'v1;drop',
    'x'.repeat(65),
  ]);
  await refuseEach(t, 'POST', `/partners/${partner}/agreements`, { agreementVersion: '9' }, 'signedBy', ['', '  ']);
});

test('emails and websites must be what they say', async ({ t }) => {
  await refuseEach(t, 'POST', '/people', { name: 'Ann' }, 'email', [
    'ann',
    'ann@',
    '@x.example',
    'ann@@x.example',
    'ann x@x.example',
    `${'a'.repeat(250)}@x.example`,
    '',
  ]);
  await refuseEach(t, 'POST', '/partners', partnerBody(), 'website', [
    'acme.example',
    'ftp://acme.example',
    'javascript:alert(1)',
    'http://',
    '',
    `https://${'a'.repeat(2050)}.example`,
  ]);
});

test('ids in bodies must carry the right prefix', async ({ t, partner, person }) => {
  await refuseEach(t, 'POST', `/partners/${partner}/employees`, { role: 'sales' }, 'personId', [
    partner,
    'per_',
    'per_abc',
    `per_${'a'.repeat(41)}`,
    'per_abc def',
  ]);
  await refuseEach(t, 'POST', `/partners/${partner}/channel-manager`, {}, 'personId', [partner, 'nobody']);
  await refuseEach(t, 'POST', '/partners', partnerBody(), 'parentPartnerId', [person, 'ptr_x', '']);
  await refuseEach(t, 'POST', `/people/${person}/certifications`, {}, 'programId', [partner, 'prg_1']);
});

test('program numbers: whole days 1..3650 and whole points 0..1,000,000', async ({ t }) => {
  const body = { name: 'P', productLine: 'storage', validForDays: 10, points: 1 };
  await refuseEach(t, 'POST', '/programs', body, 'validForDays', [0, -1, 1.5, 3651, '365', 1e308]);
  await refuseEach(t, 'POST', '/programs', body, 'points', [-1, 0.5, 1_000_001]);
});

test('channel settings: every number within its bounds, tiers by name, criteria as money', async ({ t }) => {
  const put = (field: string, values: unknown[], path = field) =>
    refuseEach(t, 'PUT', '/channel/settings', {}, field, values, path);
  await put('dealProtectionDays', [0, -5, 1.5, 3651]);
  await put('maxDealExtensions', [-1, 0.5, 101]);
  await put('minCertifiedForReady', [0, 2.5]);
  await put('desiredPartnerCount', [-1, 1.5]);
  await put('quotaAttainmentThresholdPct', [-0.1, 1000.1]);
  await put('pointsExpiryMonths', [0, 241]);
  await put('productLines', [[], ['storage', 'storage']]);
  await put('tierCriteria', [{ diamond: { minWonRevenue: eur(1), minCertifiedPeople: 1 } }], 'tierCriteria.diamond');
  await put(
    'tierCriteria',
    [{ gold: { minWonRevenue: eur(-1), minCertifiedPeople: 1 } }],
    'tierCriteria.gold.minWonRevenue.amountMinor',
  );
  await put(
    'tierCriteria',
    [{ gold: { minWonRevenue: eur(1), minCertifiedPeople: 1.5 } }],
    'tierCriteria.gold.minCertifiedPeople',
  );
  await put('tierCriteria', [{ gold: { minWonRevenue: eur(1) } }], 'tierCriteria.gold.minCertifiedPeople');
});

test('instants must be real ISO-8601 UTC instants', async ({ t, person, program }) => {
  await refuseEach(t, 'POST', `/people/${person}/certifications`, { programId: program }, 'earnedAt', [
    'yesterday',
    '2026-02-30T00:00:00Z',
    '2026-05-01T24:00:00Z',
    '2026-13-01T00:00:00Z',
    '2026-05-01 10:00',
    '1714521600',
    '',
  ]);
});

test('query strings: limits, cursors, filters and unknown parameters are validated too', async ({ t, partner }) => {
  for (const [url, path] of [
    ['/partners?limit=0', 'query.limit'],
    ['/partners?limit=501', 'query.limit'],
    ['/partners?limit=abc', 'query.limit'],
    ['/partners?limit=1.5', 'query.limit'],
    ['/partners?cursor=%25%25', 'query.cursor'],
    ['/partners?cursor=eyJhIjoxfQ', 'query.cursor'],
    ['/partners?status=gone', 'query.status'],
    ['/partners?tier=diamond', 'query.tier'],
    ['/partners?region=EMEA', 'query.region'],
    ['/partners?sort=name', 'query.sort'],
    [`/partners/${partner}/employees?limit=-1`, 'query.limit'],
    ['/programs?status=deleted', 'query.status'],
    ['/partners/nope', 'params.id'],
    ['/people/ptr_abcdefgh', 'params.id'],
    ['/programs/per_abcdefgh', 'params.id'],
  ] as const) {
    expectProblem(await t.get(url), 400, 'validation_failed', [path]);
  }
  assert.is((await t.get('/partners?q=%25_')).status, 200, 'LIKE wildcards are plain text');
});

test.run();
