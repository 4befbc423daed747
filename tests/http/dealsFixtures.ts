import { str } from '../support/json.js';
import type { TestApp } from '../support/testApp.js';
import { activePartner, employee, expectStatus, vendorStaff } from './fixtures.js';

/** Shared setup for the deal specs: two active partners in two regions, their people, channel staff. */
export const dealWorld = async (t: TestApp) => {
  const emea = await activePartner(t, { name: 'Emea Reseller GmbH', region: 'emea' });
  const apac = await activePartner(t, { name: 'Apac Reseller Pte', region: 'apac', country: 'SG' });
  return {
    emea,
    apac,
    seller: await employee(t, emea, 'sales'),
    seller2: await employee(t, emea, 'technical'),
    manager: await employee(t, emea, 'manager'),
    admin: await employee(t, emea, 'admin'),
    apacSeller: await employee(t, apac, 'sales'),
    apacAdmin: await employee(t, apac, 'admin'),
    emeaManager: await vendorStaff(t, 'channel_manager', ['emea']),
    apacManager: await vendorStaff(t, 'channel_manager', ['apac']),
    vendorAdmin: await vendorStaff(t, 'vendor_admin'),
    analyst: await vendorStaff(t, 'analyst'),
  };
};
export type DealWorld = Awaited<ReturnType<typeof dealWorld>>;

export const dealBody = (partnerId: string, over: Record<string, unknown> = {}) => ({
  partnerId,
  customer: { name: 'Acme Ltd', domain: 'acme.co.uk', country: 'GB' },
  productLine: 'storage',
  estimatedValue: { amountMinor: 5_000_000, currency: 'EUR' },
  expectedCloseDate: '2026-09-30',
  ...over,
});

/** Registers a deal as `token` and answers its id. */
export const registerDeal = async (t: TestApp, token: string, body: Record<string, unknown>): Promise<string> =>
  str(expectStatus(await t.post('/deals', body, token), 201).body, 'id');

export const dealOf = async (t: TestApp, id: string, token?: string) =>
  expectStatus(await t.get(`/deals/${id}`, token), 200).body;
