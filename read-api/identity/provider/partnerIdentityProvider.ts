import { createHmac } from 'node:crypto';
import type { AdapterPayload, KoaContextWithOIDC } from 'oidc-provider';
import { interactionPolicy, Provider } from './oidcProviderModule.js';
import type { SqlDb } from '../../../infra/sql/sqlDb.js';
import { loadPrincipal } from '../../../projections/index.js';
import { recordIdentity } from '../identityAudit.js';
import { oidcStore } from './oidcStore.js';
import { claimsOf, mayUsePartnerApps, PRM_CLAIMS } from './prmClaims.js';
import { signingKeys } from './signingKeys.js';

export interface PartnerIdentityProviderDeps {
  readonly publicUrl: string;
  readonly jwtSecret: string;
  readonly reader: SqlDb;
  readonly writeDb: SqlDb;
  readonly now: () => Date;
  readonly warn: (detail: object, message: string) => void;
}

/** A registered app's secret, derived from the server's key: nothing secret in the log or a table. */
export const clientSecretOf = (jwtSecret: string, clientId: string) =>
  createHmac('sha256', jwtSecret).update(`oidc-client:${clientId}`).digest('base64url');

/**
 * The default prompts, and one more reason to sign in: the session names someone who may no longer use
 * partner apps (findAccount finds nobody). Without it oidc-provider would go on to consent for nobody.
 */
const signInAgainWhenGone = () => {
  const policy = interactionPolicy.base();
  policy
    .get('login')
    ?.checks.add(
      new interactionPolicy.Check(
        'account_gone',
        'the signed-in person may no longer use partner apps',
        'login_required',
        (ctx) => ctx.oidc.session?.accountId !== undefined && ctx.oidc.account === undefined,
      ),
    );
  return policy;
};

/**
 * The PRM as OpenID provider for partner apps (DESIGN §14), on oidc-provider: authorization code + PKCE,
 * refresh tokens (scope `offline_access`), the `prm` scope's claims from the read models, storage and keys in
 * the product's database. An account exists only while the person may use partner apps, so someone who
 * departs, or whose partner is suspended or terminated, cannot sign in and their next refresh fails.
 */
export const partnerIdentityProvider = async (deps: PartnerIdentityProviderDeps) => {
  const findClient = async (id: string): Promise<AdapterPayload | undefined> => {
    const row = await deps.reader.get<{ name: string; redirect_uris: string; scopes: string }>(
      'SELECT name, redirect_uris, scopes FROM oidc_clients WHERE client_id = ?',
      [id],
    );
    if (!row) return undefined;
    return {
      client_id: id,
      client_secret: clientSecretOf(deps.jwtSecret, id),
      client_name: row.name,
      redirect_uris: JSON.parse(row.redirect_uris) as string[],
      scope: (JSON.parse(row.scopes) as string[]).join(' '),
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
    };
  };
  const keys = await signingKeys(deps.writeDb, deps.now());
  const provider = new Provider(`${deps.publicUrl}/oidc`, {
    adapter: oidcStore(deps.writeDb, findClient),
    jwks: { keys },
    cookies: { keys: [createHmac('sha256', deps.jwtSecret).update('oidc-cookies').digest('base64url')] },
    scopes: ['openid', 'offline_access', 'email', 'profile', 'prm'],
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'], prm: [...PRM_CLAIMS] },
    conformIdTokenClaims: false,
    pkce: { required: () => true },
    features: { devInteractions: { enabled: false }, revocation: { enabled: true }, userinfo: { enabled: true } },
    ttl: {
      AccessToken: 600,
      IdToken: 600,
      AuthorizationCode: 60,
      Interaction: 900,
      RefreshToken: 14 * 86_400,
      Session: 14 * 86_400,
      Grant: 14 * 86_400,
    },
    interactions: { policy: signInAgainWhenGone(), url: (_ctx, interaction) => `/oidc/interaction/${interaction.uid}` },
    findAccount: async (_ctx, sub) => {
      const principal = await loadPrincipal(deps.reader, sub);
      if (principal?.kind !== 'person' || !mayUsePartnerApps(principal)) return undefined;
      return { accountId: sub, claims: async () => claimsOf(deps.reader, principal, deps.now()) };
    },
    renderError: async (ctx, out) => {
      ctx.type = 'text/plain; charset=utf-8';
      ctx.body = `${out.error}: ${out.error_description ?? ''}`;
    },
  });
  provider.proxy = deps.publicUrl.startsWith('https:');

  const audit = (ctx: KoaContextWithOIDC, event: 'token_issued' | 'sign_in_refused', status: number) => {
    const accountId =
      ctx.oidc.account?.accountId ?? ctx.oidc.refreshToken?.accountId ?? ctx.oidc.authorizationCode?.accountId;
    recordIdentity(
      deps.writeDb,
      {
        event,
        actor: accountId ? { kind: 'person', id: accountId } : { kind: 'anonymous', id: '-' },
        method: ctx.method,
        route: '/oidc/token',
        url: ctx.originalUrl ?? ctx.url,
        status,
        ...(ctx.oidc.client ? { clientId: ctx.oidc.client.clientId } : {}),
        address: ctx.ip,
      },
      deps.now(),
    ).catch((error: unknown) => deps.warn({ err: error }, 'identity audit row not written'));
  };
  provider.on('grant.success', (ctx) => audit(ctx, 'token_issued', 200));
  provider.on('grant.error', (ctx) => audit(ctx, 'sign_in_refused', 400));
  provider.on('server_error', (_ctx, error) => deps.warn({ err: error }, 'identity provider error'));
  return provider;
};
