/**
 * The role × route table (DESIGN §6, README "Who may do what"): one row per registered route, giving
 * for every role the status it must get, and how to build that role's request. routeMatrix.test.ts
 * fails for any registered route without a row here: whoever adds a route adds its row.
 *
 * Own/foreign: "own" roles work for the partner the request is about (Acme, emea); "foreign" roles
 * for another one (Globex, apac). Requests expected to succeed get fresh targets from the world's
 * factories, so no attempt changes what another one relies on.
 */
import { str } from '../support/json.js';
import { leadPlanRows } from './leadPlanRows.js';
import { clientRoles, roles, unique, type MatrixWorld, type Role } from './matrixWorld.js';
import {
  freshApprovedRequest,
  freshClaim,
  freshFund,
  freshRequest,
  fundBody,
  mdfProof,
  pointForSalesOwn,
  sharedFund,
} from './mdfPointsTargets.js';

export type Expect = Readonly<Record<Role, number>>;
export interface Attempt {
  readonly url: string;
  readonly body?: unknown;
}
export interface RouteRow {
  readonly method: 'GET' | 'POST' | 'PUT';
  readonly url: string;
  readonly expect: Expect;
  /** Builds one role's request; `succeeds` says the role is expected to get a 2xx. */
  readonly attempt: (w: MatrixWorld, as: Role, succeeds: boolean) => Promise<Attempt> | Attempt;
}

// ---- groups of roles ----
const vendorReaders: readonly Role[] = ['vendor_admin', 'auditor', 'analyst'];
const ownPeople: readonly Role[] = [
  'partner_admin_own',
  'partner_manager_own',
  'sales_own',
  'technical_own',
  'marketing_own',
];

/**
 * Statuses by role, applied in the order given (later lists win); roles not named get `otherwise`;
 * no token is always 401 unless the route is public.
 */
const expect = (
  by: ReadonlyArray<readonly [number, readonly Role[]]>,
  otherwise: number,
  publicRoute = false,
): Expect => {
  const out = Object.fromEntries(roles.map((r) => [r, otherwise])) as Record<Role, number>;
  for (const [status, list] of by) for (const r of list) out[r] = status;
  for (const [client, role] of Object.entries(clientRoles)) out[client as Role] = out[role];
  out.no_token = publicRoute ? out.no_token : 401;
  return out;
};
const everyone = (status: number) => expect([], status);
const publicRoute = (status: number) => expect([], status, true);
/** Reads about the own partner: vendor readers, its region's channel manager and its people; 404 for the rest. */
const seesOwnPartner = (status: number) =>
  expect([[status, [...vendorReaders, 'channel_manager_own_region', ...ownPeople]]], 404);
/**
 * Commands on the own partner (or one of its people): `allowed` succeed; those who see it otherwise
 * get 403 (auditors and analysts never command); those who cannot see it 404.
 */
const onOwnPartner = (status: number, allowed: readonly Role[]) =>
  expect(
    [
      [403, ['channel_manager_own_region', 'auditor', 'analyst', ...ownPeople]],
      [status, allowed],
    ],
    404,
  );
/** Commands with nothing to hide: `allowed` succeed, everyone else 403. */
const only = (status: number, allowed: readonly Role[]) => expect([[status, allowed]], 403);
const managers: readonly Role[] = ['vendor_admin', 'channel_manager_own_region'];

const reason = { reason: 'matrix' };
/** A partner command: fresh partners in `state` for those expected to succeed, the own partner otherwise. */
const partnerCommand = (
  action: string,
  state: 'applied' | 'active' | 'suspended',
  body: () => unknown,
  allowed: readonly Role[] = managers,
): RouteRow => ({
  method: 'POST',
  url: `/partners/:id/${action}`,
  expect: onOwnPartner(200, allowed),
  attempt: async (w, _as, succeeds) => ({
    url: `/partners/${succeeds ? await w.fresh.partner(state) : w.own}/${action}`,
    body: body(),
  }),
});
const employeeCommand = (action: 'role' | 'leave', body: unknown): RouteRow => ({
  method: 'POST',
  url: `/partners/:id/employees/:personId/${action}`,
  expect: onOwnPartner(200, [...managers, 'partner_admin_own']),
  attempt: async (w) => ({
    url: `/partners/${w.own}/employees/${await w.fresh.employee(w.own, 'sales')}/${action}`,
    body,
  }),
});
/** A certification of a fresh own employee (certified first unless `earn`), or of the own sales person. */
const certificationCommand = (action: 'renew' | 'revoke', allowed: readonly Role[]): RouteRow => ({
  method: 'POST',
  url: `/people/:id/certifications/:programId/${action}`,
  expect: onOwnPartner(200, allowed),
  attempt: async (w, _as, succeeds) => {
    let personId = w.people.sales_own;
    if (succeeds) {
      personId = await w.fresh.employee(w.own, 'sales');
      const r = await w.t.post(`/people/${personId}/certifications`, { programId: w.program });
      if (r.status !== 200) throw new Error(`certifying a fresh employee: ${r.status}`);
    }
    return {
      url: `/people/${personId}/certifications/${w.program}/${action}`,
      body: action === 'revoke' ? reason : {},
    };
  },
});
function auditOnly(): Expect {
  return expect([[200, ['vendor_admin', 'auditor']]], 403);
}

/**
 * Deal commands on the own partner's deals: fresh deals (registered by the own sales person) for those
 * expected to succeed, the shared submitted one otherwise. Technical and marketing people do not see
 * another rep's deal (404); admins and managers of the partner see all of its deals.
 */
function dealCommands(): RouteRow[] {
  const seesDeal: readonly Role[] = [
    'vendor_admin',
    'channel_manager_own_region',
    'auditor',
    'analyst',
    'partner_admin_own',
    'partner_manager_own',
    'sales_own',
  ];
  const dealExpect = (allowed: readonly Role[]) =>
    expect(
      [
        [403, seesDeal],
        [200, allowed],
      ],
      404,
    );
  const staff: readonly Role[] = ['vendor_admin', 'channel_manager_own_region'];
  const owners: readonly Role[] = ['partner_admin_own', 'partner_manager_own', 'sales_own'];
  const command = (action: string, allowed: readonly Role[], approved: boolean, body: () => unknown): RouteRow => ({
    method: 'POST',
    url: `/deals/:id/${action}`,
    expect: dealExpect(allowed),
    attempt: async (w, _as, succeeds) => ({
      url: `/deals/${succeeds ? await w.fresh.deal(w.people.sales_own, approved) : w.ownDeal}/${action}`,
      body: body(),
    }),
  });
  return [
    command('approve', staff, false, () => ({})),
    command('reject', staff, false, () => reason),
    command('withdraw', owners, false, () => ({})),
    command('extend', staff, true, () => ({ protectedUntil: '2026-08-15', reason: 'matrix' })),
    command('won', [...staff, ...owners], true, () => ({
      amount: { amountMinor: 4_000_000, currency: 'EUR' },
      closedAt: '2026-06-01',
    })),
    command('lost', [...staff, ...owners], true, () => reason),
  ];
}

/**
 * External references of the own partner, the own sales person and the own deal: links with a fresh id
 * each, unlinks of a reference linked just before (as the admin key) for those expected to succeed.
 */
function externalRefRows(): RouteRow[] {
  const owners: readonly [string, (w: MatrixWorld) => string, Expect][] = [
    ['partners', (w) => w.own, onOwnPartner(200, managers)],
    ['people', (w) => w.people.sales_own, onOwnPartner(200, [...managers, 'partner_admin_own'])],
    [
      'deals',
      (w) => w.ownDeal,
      expect(
        [
          [403, ['auditor', 'analyst']],
          [
            200,
            ['vendor_admin', 'channel_manager_own_region', 'partner_admin_own', 'partner_manager_own', 'sales_own'],
          ],
        ],
        404,
      ),
    ],
  ];
  return owners.flatMap(([things, owner, expectation]): RouteRow[] => [
    {
      method: 'PUT',
      url: `/${things}/:id/external-refs/:system`,
      expect: expectation,
      attempt: (w) => ({ url: `/${things}/${owner(w)}/external-refs/matrix`, body: { id: `M-${unique()}` } }),
    },
    {
      method: 'POST',
      url: `/${things}/:id/external-refs/:system/unlink`,
      expect: expectation,
      attempt: async (w, _as, succeeds) => {
        if (succeeds) await w.t.put(`/${things}/${owner(w)}/external-refs/matrix-unlink`, { id: `U-${unique()}` });
        return { url: `/${things}/${owner(w)}/external-refs/matrix-unlink/unlink`, body: {} };
      },
    },
  ]);
}

/** Webhooks are the vendor admin's; auditors read them. Fresh subscriptions for those expected to succeed. */
function webhookRows(): RouteRow[] {
  const readers = expect([[200, ['vendor_admin', 'auditor']]], 403);
  let shared: string | undefined;
  const fresh = async (w: MatrixWorld, disabled = false) => {
    const r = await w.t.post('/webhooks', { url: `https://receiver.invalid/${unique()}` });
    if (disabled) await w.t.post(`/webhooks/${str(r.body, 'id')}/disable`, {});
    return str(r.body, 'id');
  };
  const webhook = async (w: MatrixWorld) => (shared ??= await fresh(w));
  const command = (action: string, body: unknown, disabled = false): RouteRow => ({
    method: 'POST',
    url: `/webhooks/:id/${action}`,
    expect: only(200, ['vendor_admin']),
    attempt: async (w, _as, succeeds) => ({
      url: `/webhooks/${succeeds ? await fresh(w, disabled) : await webhook(w)}/${action}`,
      body,
    }),
  });
  return [
    {
      method: 'POST',
      url: '/webhooks',
      expect: only(201, ['vendor_admin']),
      attempt: () => ({ url: '/webhooks', body: { url: `https://receiver.invalid/${unique()}` } }),
    },
    command('disable', {}),
    command('enable', {}, true),
    command('rotate-secret', {}),
    command('replay', { fromPosition: 1 }),
    { method: 'GET', url: '/webhooks', expect: readers, attempt: () => ({ url: '/webhooks' }) },
    {
      method: 'GET',
      url: '/webhooks/:id',
      expect: readers,
      attempt: async (w) => ({ url: `/webhooks/${await webhook(w)}` }),
    },
    {
      method: 'GET',
      url: '/webhooks/:id/deliveries',
      expect: readers,
      attempt: async (w) => ({ url: `/webhooks/${await webhook(w)}/deliveries` }),
    },
  ];
}

const get = (url: string, expectation: Expect, path: (w: MatrixWorld) => string = () => url): RouteRow => ({
  method: 'GET',
  url,
  expect: expectation,
  attempt: (w) => ({ url: path(w) }),
});

export const routeTable: readonly RouteRow[] = [
  // ---- platform: public ----
  get('/', publicRoute(200)),
  get('/styles.css', publicRoute(200)),
  get('/src/:entry', publicRoute(200), () => '/src/app.js'),
  get('/src/:entry/:name', publicRoute(200), () => '/src/pages/overview.js'),
  get('/favicon.ico', publicRoute(200)),
  get('/favicon.svg', publicRoute(200)),
  get('/health', publicRoute(200)),
  get('/metrics', publicRoute(200)),
  get('/openapi.json', publicRoute(200)),
  get('/docs', publicRoute(200)),
  get('/docs/', publicRoute(200)),
  get('/docs/json', publicRoute(200)),
  get('/docs/yaml', publicRoute(200)),
  get('/docs/static/index.html', publicRoute(302)),
  get('/docs/static/swagger-initializer.js', publicRoute(200)),
  get('/docs/static/*', publicRoute(200), () => '/docs/static/swagger-ui.css'),
  // ---- auth and self ----
  {
    method: 'POST',
    url: '/auth/tokens',
    expect: only(201, ['vendor_admin']),
    attempt: (w) => ({ url: '/auth/tokens', body: { personId: w.people.sales_own } }),
  },
  get('/me', everyone(200)),
  // ---- signing in (DESIGN §14): public; no identity provider is configured in the matrix's app ----
  get('/auth/options', publicRoute(200)),
  get('/auth/login', publicRoute(404)),
  get('/auth/callback', publicRoute(404), () => '/auth/callback?code=x&state=y'),
  { method: 'POST', url: '/auth/logout', expect: publicRoute(204), attempt: () => ({ url: '/auth/logout' }) },
  {
    method: 'POST',
    url: '/auth/magic-links',
    expect: publicRoute(200),
    attempt: () => ({ url: '/auth/magic-links', body: { email: `matrix-${unique()}@example.com` } }),
  },
  get('/auth/magic-links/redeem', publicRoute(403), () => '/auth/magic-links/redeem?token=unknown'),
  // ---- the PRM as identity provider: apps registered by vendor admins; /oidc is oidc-provider's, public ----
  {
    method: 'POST',
    url: '/oidc-clients',
    expect: only(201, ['vendor_admin']),
    attempt: () => ({
      url: '/oidc-clients',
      body: { name: 'Matrix app', redirectUris: ['https://app.example/callback'], scopes: ['openid', 'prm'] },
    }),
  },
  get('/oidc-clients', expect([[200, ['vendor_admin', 'auditor']]], 403)),
  get('/oidc/*', publicRoute(200), () => '/oidc/.well-known/openid-configuration'),
  { method: 'POST', url: '/oidc/*', expect: publicRoute(400), attempt: () => ({ url: '/oidc/token', body: {} }) },
  get('/oidc/interaction/:uid', publicRoute(400), () => '/oidc/interaction/unknown'),
  {
    method: 'POST',
    url: '/oidc/interaction/:uid/link',
    expect: publicRoute(400),
    attempt: () => ({ url: '/oidc/interaction/unknown/link', body: { email: 'a@b.example' } }),
  },
  get('/oidc/interaction/:uid/redeem', publicRoute(400), () => '/oidc/interaction/unknown/redeem?token=x'),
  // ---- channel settings ----
  get('/channel/settings', everyone(200)),
  {
    method: 'PUT',
    url: '/channel/settings',
    expect: only(200, ['vendor_admin']),
    attempt: () => ({
      url: '/channel/settings',
      body: { desiredPartnerCount: 100 + Number(unique().replace(/\D/g, '').slice(-4)) },
    }),
  },
  // ---- partners ----
  get('/partners', everyone(200)),
  get('/partners/:id', seesOwnPartner(200), (w) => `/partners/${w.own}`),
  get('/partners/:id/employees', seesOwnPartner(200), (w) => `/partners/${w.own}/employees`),
  get('/partners/:id/certifications', seesOwnPartner(200), (w) => `/partners/${w.own}/certifications`),
  {
    method: 'POST',
    url: '/partners',
    expect: only(201, managers),
    attempt: () => ({
      url: '/partners',
      body: {
        name: `Applicant ${unique()}`,
        website: `https://a${unique()}.example`,
        country: 'DE',
        region: 'emea',
        type: 'reseller',
      },
    }),
  },
  partnerCommand('approve', 'applied', () => ({ tier: 'silver' })),
  partnerCommand('reject', 'applied', () => reason),
  {
    method: 'POST',
    url: '/partners/:id/agreements',
    expect: onOwnPartner(200, [...managers, 'partner_admin_own']),
    attempt: (w) => ({
      url: `/partners/${w.own}/agreements`,
      body: { agreementVersion: `v${unique()}`, signedBy: 'Jane Doe' },
    }),
  },
  partnerCommand('tier', 'active', () => ({ tier: 'platinum', reason: 'matrix' })),
  partnerCommand('region', 'active', () => ({ region: 'latam' })),
  {
    method: 'POST',
    url: '/partners/:id/channel-manager',
    expect: onOwnPartner(200, ['vendor_admin']),
    attempt: async (w, _as, succeeds) => ({
      url: `/partners/${succeeds ? await w.fresh.partner('active') : w.own}/channel-manager`,
      body: { personId: w.people.channel_manager_own_region },
    }),
  },
  partnerCommand('quotas', 'active', () => ({
    period: '2026-Q3',
    amount: { amountMinor: 100_000_00, currency: 'EUR' },
  })),
  partnerCommand('suspend', 'active', () => reason),
  partnerCommand('reinstate', 'suspended', () => ({})),
  partnerCommand('terminate', 'active', () => reason, ['vendor_admin']),
  {
    method: 'POST',
    url: '/partners/:id/employees',
    expect: onOwnPartner(200, [...managers, 'partner_admin_own']),
    attempt: async (w) => ({
      url: `/partners/${w.own}/employees`,
      body: { personId: await w.fresh.person(), role: 'sales' },
    }),
  },
  employeeCommand('role', { role: 'technical' }),
  employeeCommand('leave', {}),
  // ---- people ----
  {
    method: 'POST',
    url: '/people',
    expect: only(201, [...managers, 'channel_manager_other_region', 'partner_admin_own', 'partner_admin_foreign']),
    attempt: () => ({ url: '/people', body: { name: 'New Person', email: `n${unique()}@matrix.example` } }),
  },
  get('/people/:id', seesOwnPartner(200), (w) => `/people/${w.people.technical_own}`),
  {
    method: 'POST',
    url: '/people/:id/vendor-roles',
    expect: onOwnPartner(200, ['vendor_admin']),
    attempt: async (w, _as, succeeds) => ({
      url: `/people/${succeeds ? await w.fresh.person() : w.people.technical_own}/vendor-roles`,
      body: { role: 'analyst' },
    }),
  },
  {
    method: 'POST',
    url: '/people/:id/vendor-roles/:role/revoke',
    expect: onOwnPartner(200, ['vendor_admin']),
    attempt: async (w, _as, succeeds) => ({
      url: `/people/${succeeds ? await w.fresh.staff('analyst') : w.people.technical_own}/vendor-roles/analyst/revoke`,
      body: {},
    }),
  },
  {
    method: 'POST',
    url: '/people/:id/certifications',
    expect: onOwnPartner(200, managers),
    attempt: async (w, _as, succeeds) => ({
      url: `/people/${succeeds ? await w.fresh.employee(w.own, 'sales') : w.people.technical_own}/certifications`,
      body: { programId: w.program },
    }),
  },
  certificationCommand('renew', managers),
  certificationCommand('revoke', ['vendor_admin']),
  get(
    '/people/:id/visible-content',
    expect(
      [
        [200, ['vendor_admin', 'auditor']],
        [403, ['channel_manager_own_region', 'channel_manager_other_region', 'analyst']],
      ],
      404,
    ),
    (w) => `/people/${w.people.sales_own}/visible-content`,
  ),
  // ---- certification programs ----
  get('/programs', everyone(200)),
  get('/programs/:id', everyone(200), (w) => `/programs/${w.program}`),
  {
    method: 'POST',
    url: '/programs',
    expect: only(201, ['vendor_admin']),
    attempt: () => ({
      url: '/programs',
      body: { name: `Program ${unique()}`, productLine: 'storage', validForDays: 365, points: 10 },
    }),
  },
  {
    method: 'POST',
    url: '/programs/:id/retire',
    expect: only(200, ['vendor_admin']),
    attempt: async (w, _as, succeeds) => ({
      url: `/programs/${succeeds ? await w.fresh.program() : w.program}/retire`,
      body: {},
    }),
  },
  // ---- MDF (fresh funds, requests and claims of the own partner: tests/access/mdfPointsTargets.ts) ----
  get('/mdf/funds', everyone(200)),
  {
    method: 'GET',
    url: '/mdf/funds/:id',
    expect: seesOwnPartner(200),
    attempt: async (w) => ({ url: `/mdf/funds/${await sharedFund(w)}` }),
  },
  {
    method: 'POST',
    url: '/mdf/funds',
    expect: onOwnPartner(201, managers),
    attempt: (w) => ({ url: '/mdf/funds', body: fundBody(w) }),
  },
  {
    method: 'POST',
    url: '/mdf/funds/:id/requests',
    expect: onOwnPartner(201, ['vendor_admin', 'partner_admin_own']),
    attempt: async (w) => ({
      url: `/mdf/funds/${await sharedFund(w)}/requests`,
      body: { activity: 'training', description: 'Matrix', amount: { amountMinor: 1, currency: 'EUR' } },
    }),
  },
  ...(['approve', 'reject'] as const).map(
    (action): RouteRow => ({
      method: 'POST',
      url: `/mdf/funds/:id/requests/:requestId/${action}`,
      expect: onOwnPartner(200, managers),
      attempt: async (w) => {
        const { fundId, requestId } = await freshRequest(w);
        return {
          url: `/mdf/funds/${fundId}/requests/${requestId}/${action}`,
          body: action === 'approve' ? { approvedAmount: { amountMinor: 100, currency: 'EUR' } } : reason,
        };
      },
    }),
  ),
  {
    method: 'POST',
    url: '/mdf/funds/:id/claims',
    expect: onOwnPartner(201, ['vendor_admin', 'partner_admin_own']),
    attempt: async (w) => {
      const { fundId, requestId } = await freshApprovedRequest(w);
      return {
        url: `/mdf/funds/${fundId}/claims`,
        body: { requestId, amount: { amountMinor: 100, currency: 'EUR' }, proof: mdfProof },
      };
    },
  },
  ...(['approve', 'reject', 'pay'] as const).map(
    (action): RouteRow => ({
      method: 'POST',
      url: `/mdf/funds/:id/claims/:claimId/${action}`,
      expect: onOwnPartner(200, managers),
      attempt: async (w) => {
        const { fundId, claimId } = await freshClaim(w, action === 'pay');
        const body =
          action === 'approve'
            ? { approvedAmount: { amountMinor: 100, currency: 'EUR' } }
            : action === 'pay'
              ? { paymentReference: 'MATRIX-1' }
              : reason;
        return { url: `/mdf/funds/${fundId}/claims/${claimId}/${action}`, body };
      },
    }),
  ),
  {
    method: 'POST',
    url: '/mdf/funds/:id/close',
    expect: onOwnPartner(200, managers),
    attempt: async (w, _as, succeeds) => ({
      url: `/mdf/funds/${succeeds ? await freshFund(w) : await sharedFund(w)}/close`,
      body: {},
    }),
  },
  // ---- points ----
  get('/partners/:id/points', seesOwnPartner(200), (w) => `/partners/${w.own}/points`),
  {
    method: 'POST',
    url: '/partners/:id/points/adjustments',
    expect: onOwnPartner(200, managers),
    attempt: (w) => ({ url: `/partners/${w.own}/points/adjustments`, body: { points: 5, reason: 'matrix' } }),
  },
  {
    // The own sales person's points: the person, the partner's admin and vendor admins redeem them.
    method: 'POST',
    url: '/partners/:id/points/redemptions',
    expect: onOwnPartner(200, ['vendor_admin', 'partner_admin_own', 'sales_own']),
    attempt: async (w, _as, succeeds) => {
      if (succeeds) await pointForSalesOwn(w);
      return {
        url: `/partners/${w.own}/points/redemptions`,
        body: { personId: w.people.sales_own, points: 1, rewardId: 'matrix-mug' },
      };
    },
  },
  // ---- content ----
  get('/content', everyone(200)),
  get(
    '/content/:id',
    expect(
      [[200, [...vendorReaders, 'channel_manager_own_region', 'channel_manager_other_region', ...ownPeople]]],
      404,
    ),
    (w) => `/content/${w.ownContent}`,
  ),
  get(
    '/content/:id/audience-members',
    expect(
      [
        [200, ['vendor_admin', 'auditor']],
        [403, ['channel_manager_own_region', 'channel_manager_other_region', 'analyst']],
      ],
      404,
    ),
    (w) => `/content/${w.ownContent}/audience-members`,
  ),
  {
    method: 'POST',
    url: '/content',
    expect: only(201, [...managers, 'channel_manager_other_region']),
    attempt: () => ({
      url: '/content',
      body: { title: 'Matrix item', kind: 'announcement', uri: 'https://cdn.example/a.pdf', audience: {} },
    }),
  },
  ...(['audience', 'retire'] as const).map(
    (action): RouteRow => ({
      method: 'POST',
      url: `/content/:id/${action}`,
      expect: expect(
        [
          [200, [...managers, 'channel_manager_other_region']],
          [403, ['auditor', 'analyst', ...ownPeople]],
        ],
        404,
      ),
      attempt: async (w, _as, succeeds) => ({
        url: `/content/${succeeds ? await w.fresh.content() : w.ownContent}/${action}`,
        body: action === 'audience' ? { audience: { roles: ['sales'] } } : {},
      }),
    }),
  ),
  // ---- deal registration (README "Deal registration"): vendor staff do not register deals ----
  get('/deals', everyone(200)),
  get(
    '/deals/:id',
    expect(
      [
        [
          200,
          [...vendorReaders, 'channel_manager_own_region', 'partner_admin_own', 'partner_manager_own', 'sales_own'],
        ],
      ],
      404,
    ),
    (w) => `/deals/${w.ownDeal}`,
  ),
  {
    method: 'POST',
    url: '/deals',
    expect: expect(
      [
        [403, ['vendor_admin', 'channel_manager_own_region', 'auditor', 'analyst']],
        [201, ownPeople],
      ],
      404,
    ),
    attempt: (w) => {
      const u = unique();
      return {
        url: '/deals',
        body: {
          partnerId: w.own,
          customer: { name: `Customer ${u}`, domain: `d${u}.com`, country: 'DE' },
          productLine: 'storage',
          estimatedValue: { amountMinor: 100_000, currency: 'EUR' },
          expectedCloseDate: '2026-12-31',
        },
      };
    },
  },
  ...dealCommands(),
  get('/partners/:id/deal-metrics', seesOwnPartner(200), (w) => `/partners/${w.own}/deal-metrics`),
  get('/dashboards/pipeline', everyone(200)),
  get('/dashboards/expiring-protections', everyone(200)),
  // ---- scorecards and channel health ----
  get('/partners/:id/scorecard', seesOwnPartner(200), (w) => `/partners/${w.own}/scorecard`),
  get('/scorecards', everyone(200)),
  get(
    '/dashboards/channel-health',
    expect([[200, [...vendorReaders, 'channel_manager_own_region', 'channel_manager_other_region']]], 403),
  ),
  get(
    '/dashboards/tier-signals',
    expect([[200, [...vendorReaders, 'channel_manager_own_region', 'channel_manager_other_region']]], 403),
  ),
  // The console's figures: health per region is vendor staff's; the others are over the partners one sees.
  get(
    '/dashboards/regions',
    expect([[200, [...vendorReaders, 'channel_manager_own_region', 'channel_manager_other_region']]], 403),
  ),
  get('/dashboards/certified-people', everyone(200)),
  get('/dashboards/won-revenue', everyone(200), () => '/dashboards/won-revenue?from=2026-04-01&to=2026-06-30'),
  // ---- analytics views as CSV (README "Read models for analysts"): vendor admins and analysts ----
  get('/analytics/:view.csv', only(200, ['vendor_admin', 'analyst']), () => '/analytics/deals.csv'),
  // ---- integration hub (README "Integrating") ----
  get('/people', everyone(200)),
  ...externalRefRows(),
  ...webhookRows(),
  get('/feed', expect([[200, ['vendor_admin', 'auditor']]], 403), () => '/feed?limit=1'),
  // `until=0` ends the stream at once (a bounded catch-up), so an inject can finish.
  get('/feed/stream', expect([[200, ['vendor_admin', 'auditor']]], 403), () => '/feed/stream?until=0'),
  // ---- auditing (README "Auditing"): auditors and vendor admins; everyone else signed in 403 ----
  get('/audit/events', auditOnly()),
  get('/audit/export', auditOnly()),
  get('/audit/verify', auditOnly()),
  get('/audit/access-log', auditOnly()),
  get('/audit/streams/:streamId', auditOnly(), (w) => `/audit/streams/partner-${w.own}`),
  get('/audit/streams/:streamId/state', auditOnly(), (w) => `/audit/streams/partner-${w.own}/state`),
  // ---- leads, business plans, locations (tests/access/leadPlanRows.ts) ----
  ...leadPlanRows,
  // ---- API clients (service accounts): vendor admins manage them; auditors also list them ----
  {
    method: 'POST',
    url: '/api-clients',
    expect: only(201, ['vendor_admin']),
    attempt: () => ({ url: '/api-clients', body: { name: `Client ${unique()}`, roles: ['analyst'] } }),
  },
  get('/api-clients', auditOnly()),
  {
    method: 'GET',
    url: '/api-clients/:id',
    expect: auditOnly(),
    attempt: async (w) => ({ url: `/api-clients/${await w.fresh.apiClient()}` }),
  },
  {
    method: 'POST',
    url: '/api-clients/:id/rotate',
    expect: only(200, ['vendor_admin']),
    attempt: async (w) => ({ url: `/api-clients/${await w.fresh.apiClient()}/rotate`, body: { graceSeconds: 60 } }),
  },
  {
    method: 'POST',
    url: '/api-clients/:id/revoke',
    expect: only(200, ['vendor_admin']),
    attempt: async (w) => ({ url: `/api-clients/${await w.fresh.apiClient()}/revoke`, body: {} }),
  },
];
