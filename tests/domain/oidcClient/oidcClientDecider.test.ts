/**
 * Partner apps of the PRM's identity provider (DESIGN §14): OidcClientRegistered. Registration by a
 * given/when/then; redirect URIs https (http only on loopback), without fragment; openid is required.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { oidcClientDecider, OidcClientRegistered } from '../../../domain/oidcClient/index.js';
import { spec } from '../../support/deciderSpec.js';

const registration = {
  clientId: 'app_lms0000001',
  name: 'Partner LMS',
  redirectUris: ['https://lms.example/callback', 'https://lms.example/callback'],
  scopes: ['openid' as const, 'prm' as const, 'prm' as const],
};
const app = spec(oidcClientDecider);
const test = suite('OIDC client decider');

test('an app is registered with its redirect URIs and scopes, each once', () => {
  const state = app
    .given([])
    .when({ type: 'RegisterOidcClient', data: registration })
    .thenEmits([
      OidcClientRegistered.create({
        ...registration,
        redirectUris: ['https://lms.example/callback'],
        scopes: ['openid', 'prm'],
      }),
    ]);
  assert.equal(state, { status: 'registered' });
});

test('http only on loopback, no fragment, openid required, registered once', () => {
  const withUris = (redirectUris: string[]) => ({
    type: 'RegisterOidcClient' as const,
    data: { ...registration, redirectUris },
  });
  app
    .given([])
    .when(withUris(['http://lms.example/cb']))
    .thenFails('validation_failed', 'https');
  app
    .given([])
    .when(withUris(['https://lms.example/cb', 'https://lms.example/cb#x']))
    .thenFails('validation_failed', 'fragment');
  app
    .given([])
    .when(withUris(['http://127.0.0.1:8080/cb']))
    .thenEmits([
      OidcClientRegistered.create({
        ...registration,
        redirectUris: ['http://127.0.0.1:8080/cb'],
        scopes: ['openid', 'prm'],
      }),
    ]);
  app
    .given([])
    .when({ type: 'RegisterOidcClient', data: { ...registration, scopes: ['prm'] } })
    .thenFails('validation_failed', 'openid');
  const registered = OidcClientRegistered.create({ ...registration, scopes: ['openid'] });
  app.given([registered]).when({ type: 'RegisterOidcClient', data: registration }).thenFails('duplicate');
});

test.run();
