/** The identity variables (DESIGN §14) as loadConfig reads them: defaults, the provider, refusals in one line. */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { loadConfig } from '../../app/config.js';

const test = suite('configuration: signing in');

test('defaults: public URL from HOST and PORT, no provider, no SMTP, no token pasting', () => {
  const c = loadConfig({ HOST: '127.0.0.1', PORT: '3100' }).identity;
  assert.equal(c, {
    publicUrl: 'http://127.0.0.1:3100',
    mailFrom: 'PRM <no-reply@prm.invalid>',
    devTokenSignIn: false,
  });
});

test('a provider, an audience, SMTP and the development form', () => {
  const c = loadConfig({
    PRM_PUBLIC_URL: 'https://prm.acme.example/',
    PRM_OIDC_ISSUER: 'https://sso.acme.example/realms/acme',
    PRM_OIDC_CLIENT_ID: 'prm-console',
    PRM_OIDC_CLIENT_SECRET: 's3cret',
    PRM_OIDC_AUDIENCE: 'prm-api',
    PRM_SMTP_URL: 'smtp://mail.acme.example:587',
    PRM_DEV_TOKEN_SIGNIN: 'true',
  }).identity;
  assert.is(c.publicUrl, 'https://prm.acme.example');
  assert.equal(c.relyingParty, {
    issuer: 'https://sso.acme.example/realms/acme',
    clientId: 'prm-console',
    clientSecret: 's3cret',
    audience: 'prm-api',
  });
  assert.is(c.smtpUrl, 'smtp://mail.acme.example:587');
  assert.is(c.devTokenSignIn, true);
});

test('an issuer without a client id, a bad URL or SMTP URL stop the server naming the variable', () => {
  const refusal = (env: Record<string, string>) => {
    try {
      loadConfig(env);
    } catch (e) {
      return (e as Error).message;
    }
    return 'accepted';
  };
  assert.match(refusal({ PRM_OIDC_ISSUER: 'https://sso.example' }), 'PRM_OIDC_CLIENT_ID is required');
  assert.match(refusal({ PRM_OIDC_ISSUER: 'sso.example', PRM_OIDC_CLIENT_ID: 'x' }), 'PRM_OIDC_ISSUER');
  assert.match(refusal({ PRM_SMTP_URL: 'mail.example' }), 'PRM_SMTP_URL');
  assert.not.match(refusal({ PRM_SMTP_URL: 'http://user:hunter2@mail.example' }), 'hunter2');
});

test.run();
