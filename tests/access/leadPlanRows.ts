import * as assert from 'uvu/assert';
import { str } from '../support/json.js';
import { clientRoles, roles, unique, type MatrixWorld, type Role } from './matrixWorld.js';
import type { Expect, RouteRow } from './routeTable.js';

/**
 * The role × route rows of leads, business plans and locations (DESIGN §13), with fresh targets made
 * by the admin key: leads of the own partner's region (emea), registered, assigned to the own partner
 * (the only emea partner ready to sell storage: its sales person holds the storage certification) or
 * accepted by it; plans in periods of their own; locations of the own partner.
 */
const vendorReaders: readonly Role[] = ['vendor_admin', 'auditor', 'analyst'];
const vendorStaff: readonly Role[] = [...vendorReaders, 'channel_manager_own_region', 'channel_manager_other_region'];
const managers: readonly Role[] = ['vendor_admin', 'channel_manager_own_region'];
const holders: readonly Role[] = ['partner_admin_own', 'partner_manager_own'];
const ownPeople: readonly Role[] = [...holders, 'sales_own', 'technical_own', 'marketing_own'];

const expect = (by: ReadonlyArray<readonly [number, readonly Role[]]>, otherwise: number): Expect => {
  const out = Object.fromEntries(roles.map((r) => [r, otherwise])) as Record<Role, number>;
  for (const [status, list] of by) for (const r of list) out[r] = status;
  // A service account acts as the role it was issued for.
  for (const [client, role] of Object.entries(clientRoles)) out[client as Role] = out[role];
  out.no_token = 401;
  return out;
};
/** Commands on the own partner: `allowed` succeed; who sees it otherwise 403; the rest 404. */
const onOwnPartner = (status: number, allowed: readonly Role[]) =>
  expect(
    [
      [403, ['channel_manager_own_region', 'auditor', 'analyst', ...ownPeople]],
      [status, allowed],
    ],
    404,
  );

const ok = async (w: MatrixWorld, url: string, body: unknown, status: number, token?: string) => {
  const r = await w.t.post(url, body, token);
  assert.is(r.status, status, `POST ${url}: ${r.status} ${JSON.stringify(r.body)}`);
  return str(r.body, 'id');
};

type LeadState = 'registered' | 'assigned' | 'accepted';
/** A lead of the own partner's region, brought to `state` (assigned to and accepted by the own partner). */
const freshLead = async (w: MatrixWorld, state: LeadState) => {
  const u = unique();
  const id = await ok(
    w,
    '/leads',
    {
      customer: { name: `Lead ${u}`, domain: `lead${u}.com`, country: 'DE' },
      region: 'emea',
      productLine: 'storage',
      source: 'matrix',
    },
    201,
  );
  if (state === 'registered') return id;
  await ok(w, `/leads/${id}/assign`, { partnerId: w.own }, 200);
  if (state === 'accepted') await ok(w, `/leads/${id}/accept`, {}, 200, w.t.tokenFor(w.people.partner_admin_own));
  return id;
};
const shared = new Map<string, Promise<string>>();
const once = (key: string, make: () => Promise<string>) => {
  const made = shared.get(key) ?? make();
  shared.set(key, made);
  return made;
};
const sharedLead = (w: MatrixWorld, state: LeadState) => once(`lead:${state}`, () => freshLead(w, state));

const leadCommand = (
  action: string,
  state: LeadState,
  expectation: Expect,
  body: (w: MatrixWorld) => unknown,
  created = false,
): RouteRow => ({
  method: 'POST',
  url: `/leads/:id/${action}`,
  expect: created
    ? (Object.fromEntries(Object.entries(expectation).map(([r, s]) => [r, s === 200 ? 201 : s])) as Expect)
    : expectation,
  attempt: async (w, _as, succeeds) => ({
    url: `/leads/${succeeds ? await freshLead(w, state) : await sharedLead(w, state)}/${action}`,
    body: body(w),
  }),
});
/** Vendor staff of the region decide where a lead goes; nobody else sees an unassigned lead. */
const managed = expect(
  [
    [403, ['auditor', 'analyst']],
    [200, managers],
  ],
  404,
);
/** The holder's admins and managers answer; vendor staff see it but do not; other people do not see it. */
const answered = expect(
  [
    [403, [...vendorReaders, 'channel_manager_own_region']],
    [200, holders],
  ],
  404,
);

let periods = 0;
const objectives = [{ kind: 'deals_registered', target: 5 }];
const sharedPlan = (w: MatrixWorld) =>
  once('plan', () => ok(w, `/partners/${w.own}/plans`, { period: '2199', objectives }, 201));
const location = (w: MatrixWorld) =>
  ok(w, `/partners/${w.own}/locations`, { name: `Office ${unique()}`, country: 'DE', city: 'Berlin' }, 201);
const sharedLocation = (w: MatrixWorld) => once('location', () => location(w));

export const leadPlanRows: readonly RouteRow[] = [
  // ---- vendor-sourced leads ----
  { method: 'GET', url: '/leads', expect: expect([], 200), attempt: () => ({ url: '/leads' }) },
  {
    method: 'GET',
    url: '/leads/:id',
    expect: expect([[200, [...vendorReaders, 'channel_manager_own_region', ...holders]]], 404),
    attempt: async (w) => ({ url: `/leads/${await sharedLead(w, 'assigned')}` }),
  },
  {
    method: 'POST',
    url: '/leads',
    expect: expect([[201, managers]], 403),
    attempt: () => ({
      url: '/leads',
      body: {
        customer: { name: 'Matrix lead', domain: `m${unique()}.com`, country: 'DE' },
        region: 'emea',
        productLine: 'storage',
        source: 'matrix',
      },
    }),
  },
  leadCommand('assign', 'registered', managed, (w) => ({ partnerId: w.own })),
  leadCommand('route', 'registered', managed, () => ({})),
  leadCommand('accept', 'assigned', answered, () => ({})),
  leadCommand('decline', 'assigned', answered, () => ({ reason: 'matrix' })),
  leadCommand(
    'convert',
    'accepted',
    answered,
    () => ({ expectedCloseDate: '2026-12-31', estimatedValue: { amountMinor: 100_000, currency: 'EUR' } }),
    true,
  ),
  leadCommand(
    'disqualify',
    'accepted',
    expect(
      [
        [403, ['auditor', 'analyst']],
        [200, [...managers, ...holders]],
      ],
      404,
    ),
    () => ({ reason: 'matrix' }),
  ),
  {
    method: 'GET',
    url: '/dashboards/leads',
    expect: expect([[200, vendorStaff]], 403),
    attempt: () => ({ url: '/dashboards/leads' }),
  },
  // ---- joint business plans ----
  {
    method: 'GET',
    url: '/partners/:id/plans',
    expect: expect([[200, [...vendorReaders, 'channel_manager_own_region', ...ownPeople]]], 404),
    attempt: (w) => ({ url: `/partners/${w.own}/plans` }),
  },
  { method: 'GET', url: '/plans', expect: expect([[200, vendorStaff]], 403), attempt: () => ({ url: '/plans' }) },
  {
    method: 'POST',
    url: '/partners/:id/plans',
    expect: onOwnPartner(201, managers),
    attempt: (w) => {
      periods += 1;
      return { url: `/partners/${w.own}/plans`, body: { period: `${2200 + periods}`, objectives } };
    },
  },
  {
    method: 'POST',
    url: '/partners/:id/plans/:planId/revise',
    expect: onOwnPartner(200, managers),
    attempt: async (w) => ({ url: `/partners/${w.own}/plans/${await sharedPlan(w)}/revise`, body: { objectives } }),
  },
  // ---- locations ----
  {
    method: 'POST',
    url: '/partners/:id/locations',
    expect: onOwnPartner(201, [...managers, 'partner_admin_own']),
    attempt: (w) => ({
      url: `/partners/${w.own}/locations`,
      body: { name: `Office ${unique()}`, country: 'DE', city: 'Berlin' },
    }),
  },
  {
    method: 'POST',
    url: '/partners/:id/locations/:locationId/close',
    expect: onOwnPartner(200, [...managers, 'partner_admin_own']),
    attempt: async (w, _as, succeeds) => ({
      url: `/partners/${w.own}/locations/${succeeds ? await location(w) : await sharedLocation(w)}/close`,
      body: {},
    }),
  },
  {
    // The own sales person's location: they, the partner's admin and its channel staff name it.
    method: 'POST',
    url: '/partners/:id/employees/:personId/location',
    expect: onOwnPartner(200, [...managers, 'partner_admin_own', 'sales_own']),
    attempt: async (w) => ({
      url: `/partners/${w.own}/employees/${w.people.sales_own}/location`,
      body: { locationId: await sharedLocation(w) },
    }),
  },
];
