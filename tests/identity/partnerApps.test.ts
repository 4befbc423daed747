/**
 * The PRM as OpenID provider for partner apps (DESIGN §14): a vendor admin registers an app (an event);
 * the app, an openid-client relying party, signs a partner person in through /oidc (code + PKCE, the
 * person proving their address with a one-time link), reads the `prm` claims, refreshes. After the
 * person leaves their partner the refresh fails, the claims are gone, and a new sign-in is refused; a
 * terminated partner's people cannot sign in at all. Every step is in the audit access log.
 */
import * as client from 'openid-client';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { signingKeys } from '../../read-api/identity/provider/signingKeys.js';
import { activePartner, expectStatus } from '../http/fixtures.js';
import { cookieJarFetch } from '../support/cookieJarFetch.js';
import { freePort } from '../support/freePort.js';
import { list, str } from '../support/json.js';
import { startTestApp, type TestApp } from '../support/testApp.js';
import { identityLog, personWithEmail } from './identityWorld.js';

interface Mail {
  to: string;
  text: string;
}
const APP_CALLBACK = 'http://127.0.0.1:9/lms/callback';
const test = suite<{ t: TestApp; base: string; mail: Mail[] }>('identity: the PRM as provider for partner apps');

test.before(async (ctx) => {
  const port = await freePort();
  ctx.base = `http://127.0.0.1:${port}`;
  ctx.mail = [];
  ctx.t = await startTestApp({
    now: new Date().toISOString(),
    identity: {
      publicUrl: ctx.base,
      devTokenSignIn: false,
      mailer: { send: async (m) => void ctx.mail.push(m) },
    },
  });
  await ctx.t.app.listen({ port, host: '127.0.0.1' });
});
test.after(async (ctx) => ctx.t?.dispose());

const waitForLink = async (mail: Mail[], to: string, after: number) => {
  for (let i = 0; i < 100; i += 1) {
    const m = mail.slice(after).find((x) => x.to === to);
    const link = m ? /https?:\/\/\S+\/redeem\?token=\S+/.exec(m.text)?.[0] : undefined;
    if (link) return link;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`no mail with a link to ${to}`);
};
const fails = async (what: string, attempt: () => Promise<unknown>) => {
  const outcome = await attempt().then(
    () => 'succeeded',
    () => 'failed',
  );
  assert.is(outcome, 'failed', what);
};

/** The partner app: registered by the vendor admin, discovered as any relying party would. */
const registerApp = async (t: TestApp, base: string) => {
  const r = expectStatus(
    await t.post('/oidc-clients', {
      name: 'Partner LMS',
      redirectUris: [APP_CALLBACK],
      scopes: ['openid', 'email', 'profile', 'prm', 'offline_access'],
    }),
    201,
  );
  const clientId = str(r.body, 'id');
  const config = await client.discovery(
    new URL(`${base}/oidc`),
    clientId,
    { client_secret: str(r.body, 'clientSecret') },
    client.ClientSecretBasic(str(r.body, 'clientSecret')),
    { execute: [client.allowInsecureRequests] },
  );
  return { clientId, config };
};

/** A browser starting a sign-in at the app: up to the PRM's sign-in page. */
const startSignIn = async (config: client.Configuration, jar = cookieJarFetch()) => {
  const verifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const nonce = client.randomNonce();
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: APP_CALLBACK,
    scope: 'openid email profile prm offline_access',
    prompt: 'consent',
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
    nonce,
  });
  const { stoppedAt } = await jar.follow(url.href, (next) => next.pathname.startsWith('/oidc/interaction/'));
  assert.ok(stoppedAt, 'the provider asks the person to sign in');
  return { jar, interaction: stoppedAt, verifier, state, nonce };
};
type SignIn = Awaited<ReturnType<typeof startSignIn>>;

const askLink = async (s: SignIn, email: string) => {
  const page = await s.jar.request(s.interaction.href);
  assert.is(page.status, 200);
  assert.match(await page.text(), 'Partner LMS');
  const sent = await s.jar.request(`${s.interaction.href}/link`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ email }).toString(),
  });
  assert.is(sent.status, 200);
};

/** Opens the link in the same browser: the app's callback URL with a code, or the refusal. */
const openLink = async (s: SignIn, link: string) => s.jar.follow(link, (next) => next.href.startsWith(APP_CALLBACK));

test('a partner person signs in to a partner app, which reads the prm claims and refreshes', async ({
  t,
  base,
  mail,
}) => {
  const ann = await personWithEmail(t, 'ann@reseller.example', undefined, 'sales');
  const program = str(
    expectStatus(
      await t.post('/programs', { name: 'Storage', productLine: 'storage', validForDays: 365, points: 10 }),
      201,
    ).body,
    'id',
  );
  expectStatus(await t.post(`/people/${ann.id}/certifications`, { programId: program }), 200);
  const { clientId, config } = await registerApp(t, base);
  const listed = expectStatus(await t.get('/oidc-clients'), 200);
  assert.ok(list(listed.body, 'items').some((c) => str(c, 'id') === clientId));

  const s = await startSignIn(config);
  const before = mail.length;
  await askLink(s, 'ann@reseller.example');
  const { stoppedAt } = await openLink(s, await waitForLink(mail, 'ann@reseller.example', before));
  assert.ok(stoppedAt, 'back at the app with a code');
  const tokens = await client.authorizationCodeGrant(config, stoppedAt, {
    pkceCodeVerifier: s.verifier,
    expectedState: s.state,
    expectedNonce: s.nonce,
  });
  const idClaims = tokens.claims();
  assert.is(idClaims?.sub, ann.id);
  const info = await client.fetchUserInfo(config, tokens.access_token, ann.id);
  assert.is(info.email, 'ann@reseller.example');
  assert.is(info.partner_id, ann.partnerId);
  assert.is(info.partner_tier, 'silver');
  assert.is(info.employee_role, 'sales');
  assert.equal(info.vendor_roles, []);
  assert.equal(info.ready_product_lines, ['storage']);
  assert.equal(
    (info.certifications as { program_id: string }[]).map((c) => c.program_id),
    [program],
  );
  assert.type(info.partner_name, 'string');
  assert.ok(tokens.refresh_token, 'a refresh token (offline_access)');
  const refreshed = await client.refreshTokenGrant(config, tokens.refresh_token);
  assert.ok(refreshed.access_token);

  const log = (await identityLog(t)).filter((r) => r.client_id === clientId);
  assert.equal(
    [...new Set(log.map((r) => r.event))],
    ['link_issued', 'sign_in', 'token_issued'],
    'link, sign-in and tokens, with the app as client',
  );
  assert.ok(log.every((r) => r.actor_id === ann.id && r.address === '127.0.0.1'));
  assert.is(log.filter((r) => r.event === 'token_issued').length, 2, 'the code exchange and the refresh');
});

test('after the person leaves: the refresh fails, the claims are gone, a new sign-in is refused', async ({
  t,
  base,
  mail,
}) => {
  const bob = await personWithEmail(t, 'bob@reseller.example');
  const { clientId, config } = await registerApp(t, base);
  const s = await startSignIn(config);
  let before = mail.length;
  await askLink(s, 'bob@reseller.example');
  const { stoppedAt } = await openLink(s, await waitForLink(mail, 'bob@reseller.example', before));
  assert.ok(stoppedAt);
  const tokens = await client.authorizationCodeGrant(config, stoppedAt, {
    pkceCodeVerifier: s.verifier,
    expectedState: s.state,
    expectedNonce: s.nonce,
  });
  assert.ok(tokens.refresh_token);
  // A second browser asks for a link while Bob still works there; he opens it after leaving.
  const other = await startSignIn(config);
  before = mail.length;
  await askLink(other, 'bob@reseller.example');
  const pending = await waitForLink(mail, 'bob@reseller.example', before);

  expectStatus(await t.post(`/partners/${bob.partnerId}/employees/${bob.id}/leave`, {}), 200);

  await fails('the refresh', () => client.refreshTokenGrant(config, tokens.refresh_token as string));
  await fails('the claims', () => client.fetchUserInfo(config, tokens.access_token, bob.id));
  const late = await openLink(other, pending);
  assert.is(late.stoppedAt, undefined, 'no code for the app');
  assert.is(late.response.status, 403);
  // The first browser still has a session at the provider: it gets the sign-in form, not a code.
  const again = await startSignIn(config, s.jar);
  before = mail.length;
  await askLink(again, 'bob@reseller.example');
  await new Promise((r) => setTimeout(r, 100));
  assert.is(mail.slice(before).length, 0, 'no link for someone who left');
  const refusals = (await identityLog(t)).filter((r) => r.client_id === clientId && r.event === 'sign_in_refused');
  assert.ok(refusals.length >= 3, 'the failed refresh, the late link and the ask are refusals in the audit log');
});

test("a terminated partner's people cannot sign in to partner apps", async ({ t, base, mail }) => {
  const partner = await activePartner(t, { name: `Doomed ${Date.now()}` });
  await personWithEmail(t, 'cy@doomed.example', partner);
  expectStatus(await t.post(`/partners/${partner}/terminate`, { reason: 'contract ended' }), 200);
  const { config } = await registerApp(t, base);
  const s = await startSignIn(config);
  const before = mail.length;
  await askLink(s, 'cy@doomed.example');
  await new Promise((r) => setTimeout(r, 100));
  assert.is(mail.slice(before).length, 0);
});

test('discovery and JWKS; a new signing key every 90 days, the previous one still published', async ({ t, base }) => {
  const discovery = (await (await fetch(`${base}/oidc/.well-known/openid-configuration`)).json()) as Record<
    string,
    unknown
  >;
  assert.is(discovery.issuer, `${base}/oidc`);
  assert.ok((discovery.scopes_supported as string[]).includes('prm'));
  assert.ok((discovery.claims_supported as string[]).includes('ready_product_lines'));
  const jwks = (await (await fetch(String(discovery.jwks_uri))).json()) as { keys: { kid: string; d?: string }[] };
  assert.is(jwks.keys.length, 1);
  assert.is(jwks.keys[0].d, undefined, 'public keys only');
  const day = 86_400_000;
  const now = t.clock.now().getTime();
  const later = await signingKeys(t.platform.writeDb, new Date(now + 91 * day));
  assert.is(later.length, 2, 'a new key, and the previous one');
  assert.is.not(later[0].kid, jwks.keys[0].kid, 'the newest signs');
  assert.is(later[1].kid, jwks.keys[0].kid);
  const muchLater = await signingKeys(t.platform.writeDb, new Date(now + 182 * day));
  assert.is(muchLater.length, 2, 'the oldest key is no longer published');
  assert.not.ok(muchLater.some((k) => k.kid === jwks.keys[0].kid));
});

test.run();
