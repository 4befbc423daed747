/**
 * Signing in with the vendor's OpenID provider (DESIGN §14): a real oidc-provider on loopback as the
 * vendor's IdP, the PRM listening as the relying party. Authorization code + PKCE through the redirects
 * (a cookie jar standing in for the browser), the verified email matched to a person, refusal pages for
 * unknown, unverified and departed people, every outcome in the audit access log; access tokens of that
 * issuer accepted by the API, and every kind of wrong token refused with 401 problem+json.
 */
import * as client from 'openid-client';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { expectProblem, expectStatus } from '../http/fixtures.js';
import { cookieJarFetch } from '../support/cookieJarFetch.js';
import { maybe, obj, str } from '../support/json.js';
import type { TestApp } from '../support/testApp.js';
import type { TestOpenIdProvider } from '../support/testOpenIdProvider.js';
import { startAppWithVendorIdp, vendorIdpClient } from '../support/vendorIdpApp.js';
import { identityLog, personWithEmail } from './identityWorld.js';

const CLIENT = vendorIdpClient;
const test = suite<{ t: TestApp; idp: TestOpenIdProvider; base: string }>(
  'identity: console sign-in with the vendor IdP',
);

test.before(async (ctx) => {
  Object.assign(ctx, await startAppWithVendorIdp());
});
test.after(async (ctx) => {
  await ctx.t?.dispose();
  await ctx.idp?.close();
});

/** The browser's part: /auth/login, the IdP, back to /auth/callback; answers the callback's response. */
const signIn = async (base: string) => {
  const jar = cookieJarFetch();
  const { response } = await jar.follow(`${base}/auth/login`, (next) => next.href === `${base}/`);
  return { jar, response };
};

test('a registered person signs in: session cookie (http-only, same-site), their own partner, audited', async ({
  t,
  idp,
  base,
}) => {
  const ann = await personWithEmail(t, 'ann@acme.example');
  idp.signInAs({ email: 'Ann@Acme.example', emailVerified: true });
  const { jar, response } = await signIn(base);
  assert.is(response.status, 303);
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith('prm_session='));
  assert.ok(cookie, 'a session cookie');
  assert.match(cookie, /HttpOnly/);
  assert.match(cookie, /SameSite=Strict/);
  const me = await fetch(`${base}/me`, { headers: { cookie: `prm_session=${jar.cookie(base, 'prm_session')}` } });
  assert.is(me.status, 200);
  const body: unknown = await me.json();
  assert.is(str(obj(body, 'principal'), 'personId'), ann.id);
  const partner = await fetch(`${base}/partners/${ann.partnerId}`, {
    headers: { cookie: `prm_session=${jar.cookie(base, 'prm_session')}` },
  });
  assert.is(partner.status, 200);
  const row = (await identityLog(t)).find((r) => r.event === 'sign_in' && r.actor_id === ann.id);
  assert.ok(row, 'the sign-in is in the audit access log');
  assert.is(row.client_id, CLIENT.clientId);
  assert.is(row.address, '127.0.0.1');
  assert.not.match(row.url, /code=/, 'the authorization code is not logged');
  // Signing out ends the session cookie.
  const out = await jar.request(`${base}/auth/logout`, { method: 'POST' });
  assert.is(out.status, 204);
  assert.is(jar.cookie(base, 'prm_session'), undefined);
});

test('unknown, unverified and departed people are refused with a page that says why', async ({ t, idp, base }) => {
  const gone = await personWithEmail(t, 'gone@acme.example');
  expectStatus(await t.post(`/partners/${gone.partnerId}/employees/${gone.id}/leave`, {}), 200);
  await personWithEmail(t, 'unverified@acme.example');
  for (const [email, verified, why] of [
    ['nobody@acme.example', true, 'unknown'],
    ['unverified@acme.example', false, 'unverified'],
    ['gone@acme.example', true, 'departed'],
  ] as const) {
    idp.signInAs({ email, emailVerified: verified });
    const { jar, response } = await signIn(base);
    assert.is(response.status, 403, email);
    assert.match(await response.text(), `data-refusal="${why}"`);
    assert.is(jar.cookie(base, 'prm_session'), undefined, `${email}: no session`);
  }
  const refusals = (await identityLog(t)).filter((r) => r.event === 'sign_in_refused');
  assert.equal(refusals.map((r) => [r.actor_id, r.status]).slice(-3), [
    ['nobody@acme.example', 403],
    ['unverified@acme.example', 403],
    ['gone@acme.example', 403],
  ]);
});

test('a callback without the round-trip cookie, or with a state not its own, signs nobody in', async ({
  t,
  idp,
  base,
}) => {
  await personWithEmail(t, 'state@acme.example');
  idp.signInAs({ email: 'state@acme.example', emailVerified: true });
  const jar = cookieJarFetch();
  const { stoppedAt } = await jar.follow(`${base}/auth/login`, (next) => next.pathname === '/auth/callback');
  assert.ok(stoppedAt);
  // Another browser (no cookie) presenting the code.
  const stranger = await fetch(stoppedAt, { redirect: 'manual' });
  assert.is(stranger.status, 400);
  // The right browser, a forged state.
  const forged = new URL(stoppedAt);
  forged.searchParams.set('state', 'forged');
  const wrongState = await jar.request(forged.href);
  assert.is(wrongState.status, 400);
  assert.is(jar.cookie(base, 'prm_session'), undefined);
});

/** An access token from the IdP for the PRM's audience (code flow with a resource indicator). */
const accessToken = async (idp: TestOpenIdProvider, base: string) => {
  const config = await client.discovery(new URL(idp.issuer), CLIENT.clientId, CLIENT.clientSecret, undefined, {
    execute: [client.allowInsecureRequests],
  });
  const verifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: `${base}/auth/callback`,
    scope: 'openid email api',
    resource: idp.resource,
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
  });
  const jar = cookieJarFetch();
  const { stoppedAt } = await jar.follow(url.href, (next) => next.pathname === '/auth/callback');
  assert.ok(stoppedAt, 'the IdP redirects back with a code');
  const tokens = await client.authorizationCodeGrant(
    config,
    stoppedAt,
    { pkceCodeVerifier: verifier, expectedState: state },
    { resource: idp.resource },
  );
  return tokens.access_token;
};

test('an access token of the configured issuer calls the API as the person its verified email names', async ({
  t,
  idp,
  base,
}) => {
  const bob = await personWithEmail(t, 'bob@acme.example');
  idp.signInAs({ email: 'bob@acme.example', emailVerified: true });
  const token = await accessToken(idp, base);
  assert.is(token.split('.').length, 3, 'a JWT access token');
  const me = expectStatus(await t.get('/me', token), 200);
  assert.is(str(obj(me.body, 'principal'), 'personId'), bob.id);
  expectStatus(await t.get(`/partners/${bob.partnerId}`, token), 200);
});

test('tokens of another issuer, for another audience, expired, or signed by an unknown key: 401', async ({
  t,
  idp,
}) => {
  await personWithEmail(t, 'carol@acme.example');
  const now = Math.floor(t.clock.now().getTime() / 1000);
  const good = {
    iss: idp.issuer,
    aud: idp.audience,
    sub: 'carol@acme.example',
    email: 'carol@acme.example',
    email_verified: true,
    iat: now,
    exp: now + 600,
  };
  // The forged good one passes: each refusal below differs from it in one thing only.
  expectStatus(await t.get('/me', await idp.forge(good)), 200);
  const cases: Record<string, string> = {
    'another issuer': await idp.forge({ ...good, iss: 'http://127.0.0.1:1/other' }),
    'another audience': await idp.forge({ ...good, aud: 'someone-else' }),
    expired: await idp.forge({ ...good, iat: now - 7200, exp: now - 3600 }),
    'an unknown key': await idp.forge(good, 'unknown'),
    'an unverified email': await idp.forge({ ...good, email_verified: false }),
  };
  for (const [what, token] of Object.entries(cases)) {
    const r = await t.get('/me', token);
    expectProblem(r, 401, 'invalid_token');
    assert.is(String(r.headers['content-type']).split(';')[0], 'application/problem+json', what);
    assert.ok(maybe(r.body, 'detail'), what);
  }
});

test.run();
