import { str } from '../support/json.js';
import type { TestApp } from '../support/testApp.js';
import { activePartner, employee, expectStatus, vendorStaff } from './fixtures.js';

/** Shared setup for the MDF and points HTTP specs: two partners in two regions, their people, channel staff. */

export const eur = (amountMinor: number) => ({ amountMinor, currency: 'EUR' });
export const proof = [{ name: 'Event photos', uri: 'https://files.acme.example/roadshow.zip', sha256: 'a'.repeat(64) }];

export const channelCast = async (t: TestApp) => {
  const acme = await activePartner(t, { name: 'Acme Storage', region: 'emea' });
  const globex = await activePartner(t, { name: 'Globex', website: 'https://globex.example', region: 'apac' });
  const ann = await employee(t, acme, 'admin');
  const bob = await employee(t, acme, 'sales');
  const gil = await employee(t, globex, 'admin');
  const emeaManager = await vendorStaff(t, 'channel_manager', ['emea']);
  const apacManager = await vendorStaff(t, 'channel_manager', ['apac']);
  const auditor = await vendorStaff(t, 'auditor');
  // Tokens that outlive the clock moves of the specs (claims come weeks after requests).
  const long = <P extends { id: string }>(p: P) => ({ ...p, token: t.tokenFor(p.id, 400 * 86_400) });
  return {
    acme,
    globex,
    ann: long(ann),
    bob: long(bob),
    gil: long(gil),
    emeaManager: long(emeaManager),
    apacManager: long(apacManager),
    auditor: long(auditor),
  };
};
export type Cast = Awaited<ReturnType<typeof channelCast>>;

export const allocateFund = async (t: TestApp, partnerId: string, over: Record<string, unknown> = {}) =>
  str(
    expectStatus(
      await t.post('/mdf/funds', {
        partnerId,
        period: '2026-Q2',
        amount: eur(1_000_000),
        expiresAt: '2026-07-01T00:00:00Z',
        ...over,
      }),
      201,
    ).body,
    'id',
  );

export const submitRequest = async (t: TestApp, fundId: string, token: string, over: Record<string, unknown> = {}) =>
  str(
    expectStatus(
      await t.post(
        `/mdf/funds/${fundId}/requests`,
        {
          activity: 'event',
          description: 'Storage roadshow',
          amount: eur(400_000),
          activityDate: '2026-04-10',
          ...over,
        },
        token,
      ),
      201,
    ).body,
    'id',
  );

/** A fund with one request approved in full (400,000 of 1,000,000), ready to be claimed after 10 April. */
export const approvedRequest = async (t: TestApp, cast: Cast) => {
  const fundId = await allocateFund(t, cast.acme);
  const requestId = await submitRequest(t, fundId, cast.ann.token);
  expectStatus(
    await t.post(
      `/mdf/funds/${fundId}/requests/${requestId}/approve`,
      { approvedAmount: eur(400_000) },
      cast.emeaManager.token,
    ),
    200,
  );
  return { fundId, requestId };
};
