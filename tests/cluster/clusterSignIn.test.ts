/**
 * The PRM's OpenID provider in cluster mode (DESIGN §14): two nodes on one PostgreSQL database share
 * oidc-provider's storage and signing keys, so a partner app's sign-in begun on one node finishes on the
 * other, the code is redeemed on the first, the refresh on the second, and a one-time link issued by one
 * node is redeemed once, on the other.
 */
import { createHash, randomBytes } from 'node:crypto';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { activePartner, expectStatus } from '../http/fixtures.js';
import { freshDatabase, startClusterTestApp, type ClusterTestApp } from '../support/clusterTestApp.js';
import { str } from '../support/json.js';
import { startPostgres, type PostgresServer } from '../support/postgresServer.js';

const BASE = 'http://127.0.0.1:1';
const CALLBACK = 'https://lms.example/callback';
interface Mail {
  to: string;
  text: string;
}
const test = suite<{ pg: PostgresServer; a: ClusterTestApp; b: ClusterTestApp; mail: Mail[] }>(
  'cluster mode: the PRM identity provider across nodes',
);

test.before(async (ctx) => {
  ctx.pg = await startPostgres();
  const url = await freshDatabase(ctx.pg);
  ctx.mail = [];
  const identity = {
    publicUrl: BASE,
    devTokenSignIn: false,
    mailer: { send: async (m: Mail) => void ctx.mail.push(m) },
  };
  const now = new Date().toISOString();
  ctx.a = await startClusterTestApp(url, { now, identity });
  ctx.b = await startClusterTestApp(url, { now, identity });
});
test.after(async (ctx) => {
  await ctx.a?.dispose();
  await ctx.b?.dispose();
  await ctx.pg?.stop();
});

/** A browser's cookies across both nodes (one site: the same issuer). */
const browser = () => {
  const jar = new Map<string, string>();
  return async (node: ClusterTestApp, method: 'GET' | 'POST', url: string, form?: Record<string, string>) => {
    const r = await node.app.inject({
      method,
      url,
      headers: {
        cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; '),
        ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      ...(form ? { payload: new URLSearchParams(form).toString() } : {}),
    });
    const set = r.headers['set-cookie'];
    for (const line of Array.isArray(set) ? set : set ? [set] : []) {
      const [pair] = line.split(';');
      const at = pair.indexOf('=');
      const value = pair.slice(at + 1);
      if (value === '' || /max-age=0|expires=thu, 01 jan 1970/i.test(line)) jar.delete(pair.slice(0, at));
      else jar.set(pair.slice(0, at), value);
    }
    return { status: r.statusCode, location: String(r.headers.location ?? ''), body: r.body };
  };
};
const path = (location: string) => {
  const u = new URL(location, BASE);
  return `${u.pathname}${u.search}`;
};

test('a sign-in begun on one node finishes on the other; code, refresh and link work on either', async ({
  a,
  b,
  mail,
}) => {
  const partner = await activePartner(a, {
    name: 'Cluster Reseller',
    website: 'https://cluster.example',
  });
  const person = str(
    expectStatus(await a.post('/people', { name: 'Ana', email: 'ana@cluster.example' }), 201).body,
    'id',
  );
  expectStatus(await a.post(`/partners/${partner}/employees`, { personId: person, role: 'sales' }), 200);
  const registered = expectStatus(
    await a.post('/oidc-clients', {
      name: 'Cluster LMS',
      redirectUris: [CALLBACK],
      scopes: ['openid', 'prm', 'offline_access'],
    }),
    201,
  );
  const clientId = str(registered.body, 'id');
  const basic = `Basic ${Buffer.from(`${clientId}:${str(registered.body, 'clientSecret')}`).toString('base64')}`;

  const go = browser();
  const verifier = randomBytes(32).toString('base64url');
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  const query = new URLSearchParams({
    client_id: clientId,
    response_type: 'code',
    redirect_uri: CALLBACK,
    scope: 'openid prm offline_access',
    prompt: 'consent',
    state: 'st',
    nonce: 'nn',
    code_challenge: challenge,
    code_challenge_method: 'S256',
  });
  const started = await go(a, 'GET', `/oidc/auth?${query}`);
  assert.is(started.status, 303);
  const interaction = path(started.location);
  assert.match(interaction, /^\/oidc\/interaction\//);
  assert.is((await go(b, 'GET', interaction)).status, 200, 'node b knows the interaction node a began');
  assert.is((await go(b, 'POST', `${interaction}/link`, { email: 'ana@cluster.example' })).status, 200);
  let link = '';
  for (let i = 0; i < 100 && !link; i += 1) {
    link =
      /https?:\/\/\S+\/redeem\?token=\S+/.exec(mail.find((m) => m.to === 'ana@cluster.example')?.text ?? '')?.[0] ?? '';
    if (!link) await new Promise((r) => setTimeout(r, 20));
  }
  assert.ok(link, 'node b mailed a link');
  const redeemed = await go(a, 'GET', path(link));
  assert.is(redeemed.status, 303, 'node a redeems the link node b issued');
  let next = await go(b, 'GET', path(redeemed.location));
  while (next.status === 303 && !next.location.startsWith(CALLBACK)) next = await go(a, 'GET', path(next.location));
  assert.ok(next.location.startsWith(CALLBACK), `back at the app: ${next.location}`);
  const code = new URL(next.location).searchParams.get('code') ?? '';

  const token = async (node: ClusterTestApp, form: Record<string, string>) => {
    const r = await node.app.inject({
      method: 'POST',
      url: '/oidc/token',
      headers: { authorization: basic, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams(form).toString(),
    });
    return { status: r.statusCode, body: JSON.parse(r.body) as Record<string, string> };
  };
  const exchanged = await token(a, {
    grant_type: 'authorization_code',
    code,
    redirect_uri: CALLBACK,
    code_verifier: verifier,
  });
  assert.is(exchanged.status, 200, JSON.stringify(exchanged.body));
  assert.ok(exchanged.body.id_token && exchanged.body.refresh_token);
  const refreshed = await token(b, { grant_type: 'refresh_token', refresh_token: exchanged.body.refresh_token });
  assert.is(refreshed.status, 200, 'node b refreshes what node a issued');
  // Both nodes publish the same key: the ID token node a signed verifies with node b's JWKS.
  const kid = JSON.parse(Buffer.from(exchanged.body.id_token.split('.')[0], 'base64url').toString()).kid as string;
  const jwks = JSON.parse((await b.app.inject({ method: 'GET', url: '/oidc/jwks' })).body) as {
    keys: { kid: string }[];
  };
  assert.ok(jwks.keys.some((k) => k.kid === kid));
  // The interaction is over and the link used: opening it again signs nobody in, on any node.
  const again = await go(b, 'GET', path(link));
  assert.ok(again.status >= 400, `the link worked once, across nodes (${again.status})`);
});

test.run();
