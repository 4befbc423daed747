import { str } from '../support/json.js';
import type { TestApp } from '../support/testApp.js';
import { activePartner, defineProgram, employee, expectStatus, vendorStaff } from './fixtures.js';

/**
 * Shared setup for the lead specs: three emea partners ready to sell storage (a certified seller each),
 * one emea partner that is not ready, one suspended, one apac partner ready; their admins; channel staff.
 * Tokens are minted per request (`as`): the specs move the clock by days.
 */
export const leadWorld = async (t: TestApp) => {
  const program = await defineProgram(t, 'storage');
  const ready = async (name: string, region = 'emea', country = 'DE') => {
    const id = await activePartner(t, {
      name,
      region,
      country,
      website: `https://${name.toLowerCase().replace(/\W+/g, '')}.example`,
    });
    const seller = await employee(t, id, 'sales');
    expectStatus(await t.post(`/people/${seller.id}/certifications`, { programId: program }), 200);
    return {
      id,
      admin: (await employee(t, id, 'admin')).id,
      manager: (await employee(t, id, 'manager')).id,
      seller: seller.id,
    };
  };
  const a = await ready('Alpha Storage');
  const b = await ready('Bravo Storage');
  const c = await ready('Charlie Storage');
  const apac = await ready('Apac Storage', 'apac', 'SG');
  const unready = await activePartner(t, { name: 'Unready Storage', website: 'https://unready.example' });
  const suspended = await ready('Suspended Storage');
  expectStatus(await t.post(`/partners/${suspended.id}/suspend`, { reason: 'overdue invoices' }), 200);
  return {
    program,
    a,
    b,
    c,
    apac,
    unready,
    suspended,
    emeaManager: (await vendorStaff(t, 'channel_manager', ['emea'])).id,
    apacManager: (await vendorStaff(t, 'channel_manager', ['apac'])).id,
    analyst: (await vendorStaff(t, 'analyst')).id,
    as: (personId: string) => t.tokenFor(personId),
  };
};
export type LeadWorld = Awaited<ReturnType<typeof leadWorld>>;

export const leadBody = (over: Record<string, unknown> = {}) => ({
  customer: { name: 'Initech', domain: 'https://www.initech.com', country: 'DE' },
  region: 'emea',
  productLine: 'storage',
  estimatedValue: { amountMinor: 12_000_000, currency: 'EUR' },
  source: 'web form',
  ...over,
});

export const registerLead = async (t: TestApp, token?: string, over: Record<string, unknown> = {}) =>
  str(expectStatus(await t.post('/leads', leadBody(over), token), 201).body, 'id');

export const leadOf = async (t: TestApp, id: string, token?: string): Promise<unknown> =>
  expectStatus(await t.get(`/leads/${id}`, token), 200).body;
