import * as assert from 'uvu/assert';
import { str } from '../support/json.js';
import type { Response, TestApp } from '../support/testApp.js';

/**
 * The world the role × route matrix runs in: an own partner (Acme, emea) whose people are the "own"
 * roles, a foreign partner (Globex, apac), vendor staff, a departed employee, and factories for fresh
 * targets so that a command expected to succeed never changes what other attempts rely on.
 */

export const roles = [
  'vendor_admin',
  'channel_manager_own_region',
  'channel_manager_other_region',
  'auditor',
  'analyst',
  'partner_admin_own',
  'partner_admin_foreign',
  'partner_manager_own',
  'partner_manager_foreign',
  'sales_own',
  'sales_foreign',
  'technical_own',
  'marketing_own',
  'departed',
  'client_vendor_admin',
  'client_auditor',
  'no_token',
] as const;
export type Role = (typeof roles)[number];
/** API clients (service accounts) holding a vendor role: they must get exactly what a person with it gets. */
export const clientRoles = { client_vendor_admin: 'vendor_admin', client_auditor: 'auditor' } as const;
type ClientRole = keyof typeof clientRoles;

let counter = 0;

/** A value unique within the process: emails, websites, agreement versions. */
export const unique = () => {
  counter += 1;
  return `${Date.now().toString(36)}${counter}`;
};

const ok = (r: Response, status: number, what: string) => {
  assert.is(r.status, status, `${what}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
};

export const buildWorld = async (t: TestApp) => {
  const post = async (url: string, body: unknown, status = 200) => ok(await t.post(url, body), status, `POST ${url}`);
  const person = async (name = 'Matrix Person'): Promise<string> =>
    str(await post('/people', { name, email: `m${unique()}@matrix.example` }, 201), 'id');
  const partner = async (
    state: 'applied' | 'approved' | 'active' | 'suspended',
    region = 'emea',
    type = 'reseller',
  ): Promise<string> => {
    const u = unique();
    const id = str(
      await post(
        '/partners',
        { name: `Partner ${u}`, website: `https://p${u}.example`, country: 'DE', region, type },
        201,
      ),
      'id',
    );
    if (state === 'applied') return id;
    await post(`/partners/${id}/approve`, { tier: 'gold' });
    if (state === 'approved') return id;
    await post(`/partners/${id}/agreements`, { agreementVersion: '1', signedBy: 'Jane Doe' });
    if (state === 'suspended') await post(`/partners/${id}/suspend`, { reason: 'matrix' });
    return id;
  };
  const employee = async (partnerId: string, role: string) => {
    const id = await person(`Employee ${role}`);
    await post(`/partners/${partnerId}/employees`, { personId: id, role });
    return id;
  };
  const staff = async (role: string, regions?: string[]) => {
    const id = await person(`Staff ${role}`);
    await post(`/people/${id}/vendor-roles`, { role, ...(regions ? { regions } : {}) });
    return id;
  };
  const program = async (): Promise<string> =>
    str(
      await post(
        '/programs',
        { name: `Program ${unique()}`, productLine: 'storage', validForDays: 365, points: 10 },
        201,
      ),
      'id',
    );
  const content = async (audience: Record<string, unknown> = {}): Promise<string> =>
    str(
      await post(
        '/content',
        { title: `Item ${unique()}`, kind: 'collateral', uri: 'https://cdn.example/item.pdf', audience },
        201,
      ),
      'id',
    );

  const tokenOf = (personId: string) => t.tokenFor(personId);
  /** A deal of the own partner registered by `registrant` (a person's id), approved for 30 days when asked. */
  const deal = async (registrant: string, approved = false): Promise<string> => {
    const u = unique();
    const r = await t.post(
      '/deals',
      {
        partnerId: own,
        customer: { name: `Customer ${u}`, domain: `c${u}.com`, country: 'DE' },
        productLine: 'storage',
        estimatedValue: { amountMinor: 5_000_000, currency: 'EUR' },
        expectedCloseDate: '2026-12-31',
      },
      tokenOf(registrant),
    );
    const id = str(ok(r, 201, 'registering a deal'), 'id');
    if (approved) await post(`/deals/${id}/approve`, { protectionDays: 30 });
    return id;
  };
  const own = await partner('active', 'emea');
  const foreign = await partner('active', 'apac', 'msp');
  const departed = await employee(own, 'sales');
  await post(`/partners/${own}/employees/${departed}/leave`, { reason: 'moved on' });
  const people: Record<Exclude<Role, 'no_token' | ClientRole>, string> = {
    vendor_admin: await staff('vendor_admin'),
    channel_manager_own_region: await staff('channel_manager', ['emea']),
    channel_manager_other_region: await staff('channel_manager', ['apac']),
    auditor: await staff('auditor'),
    analyst: await staff('analyst'),
    partner_admin_own: await employee(own, 'admin'),
    partner_admin_foreign: await employee(foreign, 'admin'),
    partner_manager_own: await employee(own, 'manager'),
    partner_manager_foreign: await employee(foreign, 'manager'),
    sales_own: await employee(own, 'sales'),
    sales_foreign: await employee(foreign, 'sales'),
    technical_own: await employee(own, 'technical'),
    marketing_own: await employee(own, 'marketing'),
    departed,
  };
  const clientKey = async (role: string): Promise<string> =>
    str(await post('/api-clients', { name: `Client ${role}`, roles: [role] }, 201), 'key');
  const keys: Record<ClientRole, string> = {
    client_vendor_admin: await clientKey('vendor_admin'),
    client_auditor: await clientKey('auditor'),
  };
  const sharedProgram = await program();
  await post(`/people/${people.sales_own}/certifications`, { programId: sharedProgram });
  return {
    t,
    own,
    foreign,
    people,
    /** A program everyone may read; the own sales person holds it. */
    program: sharedProgram,
    /** Content for the own partner only: own people see it, foreign people do not. */
    ownContent: await content({ partnerIds: [own] }),
    /** A submitted deal of the own partner, registered by the own sales person. */
    ownDeal: await deal(people.sales_own),
    token: (role: Role): string | null =>
      role === 'no_token'
        ? null
        : role in keys
          ? keys[role as ClientRole]
          : t.tokenFor(people[role as keyof typeof people]),
    fresh: {
      person,
      partner,
      employee,
      staff,
      program,
      content,
      deal,
      apiClient: async () =>
        str(await post('/api-clients', { name: `Client ${unique()}`, roles: ['integration'] }, 201), 'id'),
    },
  };
};
export type MatrixWorld = Awaited<ReturnType<typeof buildWorld>>;
