import { str } from '../support/json.js';
import type { TestApp } from '../support/testApp.js';
import { activePartner, defineProgram, employee, expectStatus, quiescent, vendorStaff } from './fixtures.js';

const EUR = (amountMinor: number) => ({ amountMinor, currency: 'EUR' });
const HOUR = 3_600_000;

/**
 * A small channel with known figures (the expected KPIs are worked out in scorecards.test.ts):
 * partners A (emea) and B (apac) active at silver, an applicant C; Q1 2026 a win of 60,000 for A;
 * Q2 2026 quotas A 100,000 and B 200,000, wins A 120,000 and B 50,000, a rejection at A, an MDF fund
 * at A of 10,000 with 3,000 paid, and a storage certification at A. The clock ends at 2026-06-10.
 */
export const scorecardWorld = async (t: TestApp) => {
  t.clock.set('2026-03-10T09:00:00.000Z');
  const a = await activePartner(t, { name: 'Alpha Storage', region: 'emea', website: 'https://alpha.example' });
  const b = await activePartner(t, {
    name: 'Beta Compute',
    region: 'apac',
    country: 'SG',
    website: 'https://beta.example',
  });
  const c = str(
    expectStatus(
      await t.post('/partners', {
        name: 'Gamma Applicant',
        website: 'https://gamma.example',
        country: 'FR',
        region: 'emea',
        type: 'reseller',
      }),
      201,
    ).body,
    'id',
  );
  const aSeller = await employee(t, a, 'sales');
  const aAdmin = await employee(t, a, 'admin');
  const bSeller = await employee(t, b, 'sales');
  const emeaManager = await vendorStaff(t, 'channel_manager', ['emea']);
  const analyst = await vendorStaff(t, 'analyst');

  const deal = async (seller: { id: string }, partnerId: string, domain: string, value: number) =>
    str(
      expectStatus(
        await t.post(
          '/deals',
          {
            partnerId,
            customer: { name: `Customer ${domain}`, domain, country: 'DE' },
            productLine: 'storage',
            estimatedValue: EUR(value),
            expectedCloseDate: '2026-12-31',
          },
          t.tokenFor(seller.id),
        ),
        201,
      ).body,
      'id',
    );

  // Q1: A registers, is approved a day later and wins 60,000 on 2026-03-20.
  const d0 = await deal(aSeller, a, 'q1-customer.de', 5_000_000);
  t.clock.advance(24 * HOUR);
  expectStatus(await t.post(`/deals/${d0}/approve`, {}), 200);
  t.clock.set('2026-03-20T12:00:00.000Z');
  expectStatus(await t.post(`/deals/${d0}/won`, { amount: EUR(6_000_000), closedAt: '2026-03-20' }), 200);

  // Q2.
  t.clock.set('2026-04-02T09:00:00.000Z');
  expectStatus(await t.post(`/partners/${a}/quotas`, { period: '2026-Q2', amount: EUR(10_000_000) }), 200);
  expectStatus(await t.post(`/partners/${b}/quotas`, { period: '2026-Q2', amount: EUR(20_000_000) }), 200);
  const d1 = await deal(aSeller, a, 'big-customer.de', 8_000_000);
  const d2 = await deal(aSeller, a, 'small-customer.de', 1_000_000);
  const d3 = await deal(bSeller, b, 'apac-customer.com', 4_000_000);
  t.clock.advance(2 * HOUR);
  expectStatus(await t.post(`/deals/${d1}/approve`, {}), 200);
  expectStatus(await t.post(`/deals/${d2}/reject`, { reason: 'not a new opportunity' }), 200);
  t.clock.advance(2 * HOUR);
  expectStatus(await t.post(`/deals/${d3}/approve`, {}), 200);
  t.clock.set('2026-05-15T10:00:00.000Z');
  expectStatus(await t.post(`/deals/${d1}/won`, { amount: EUR(12_000_000), closedAt: '2026-05-14' }), 200);
  expectStatus(await t.post(`/deals/${d3}/won`, { amount: EUR(5_000_000), closedAt: '2026-05-15' }), 200);

  const fund = str(
    expectStatus(
      await t.post('/mdf/funds', {
        partnerId: a,
        period: '2026-Q2',
        amount: EUR(1_000_000),
        expiresAt: '2026-09-30T00:00:00Z',
      }),
      201,
    ).body,
    'id',
  );
  const request = str(
    expectStatus(
      await t.post(
        `/mdf/funds/${fund}/requests`,
        {
          activity: 'event',
          description: 'Storage day',
          amount: EUR(400_000),
          activityDate: '2026-05-20',
        },
        t.tokenFor(aAdmin.id),
      ),
      201,
    ).body,
    'id',
  );
  expectStatus(await t.post(`/mdf/funds/${fund}/requests/${request}/approve`, { approvedAmount: EUR(400_000) }), 200);
  t.clock.set('2026-05-25T10:00:00.000Z');
  const claim = str(
    expectStatus(
      await t.post(
        `/mdf/funds/${fund}/claims`,
        {
          requestId: request,
          amount: EUR(300_000),
          proof: [{ name: 'invoice', uri: 'https://alpha.example/invoice.pdf' }],
        },
        t.tokenFor(aAdmin.id),
      ),
      201,
    ).body,
    'id',
  );
  expectStatus(await t.post(`/mdf/funds/${fund}/claims/${claim}/approve`, { approvedAmount: EUR(300_000) }), 200);
  expectStatus(await t.post(`/mdf/funds/${fund}/claims/${claim}/pay`, { paymentReference: 'PAY-1' }), 200);

  const storage = await defineProgram(t, 'storage', 365);
  t.clock.set('2026-06-01T09:00:00.000Z');
  expectStatus(await t.post(`/people/${aSeller.id}/certifications`, { programId: storage }), 200);
  t.clock.set('2026-06-10T09:00:00.000Z');
  await quiescent(t);
  return { a, b, c, aSeller, aAdmin, bSeller, emeaManager, analyst, deals: { d0, d1, d2, d3 } };
};
export type ScorecardWorld = Awaited<ReturnType<typeof scorecardWorld>>;
