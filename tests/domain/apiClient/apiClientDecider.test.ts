/**
 * API clients (DESIGN §11): ApiClientCreated, ApiClientKeyRotated, ApiClientRevoked. Every transition
 * and refusal; a key's digest, never the key, is what the events carry.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import {
  ApiClientCreated,
  apiClientDecider,
  ApiClientKeyRotated,
  ApiClientRevoked,
} from '../../../domain/apiClient/index.js';
import { spec } from '../../support/deciderSpec.js';

const digest = { keyHash: 'a'.repeat(64), keyPrefix: 'prmk_abcdefg' };
const creation = { clientId: 'cli_crm0000001', name: 'CRM sync', roles: ['channel_manager' as const], ...digest };
const created = ApiClientCreated.create({ ...creation, regions: ['emea'] });
const client = spec(apiClientDecider);
const NOW = '2026-06-01T09:00:00.000Z';

const test = suite('API client decider');

test('a client is created with its roles, regions and key digest', () => {
  const state = client
    .given([])
    .when({
      type: 'CreateApiClient',
      data: { ...creation, roles: ['channel_manager', 'channel_manager'], regions: ['emea'] },
    })
    .thenEmits([created]);
  assert.equal(state, { status: 'active' });
});

test('regions only with the channel manager role; a client exists once', () => {
  client
    .given([])
    .when({ type: 'CreateApiClient', data: { ...creation, roles: ['integration'], regions: ['emea'] } })
    .thenFails('validation_failed', 'regions');
  client.given([created]).when({ type: 'CreateApiClient', data: creation }).thenFails('duplicate');
});

test('rotation ends the previous keys after the grace period, at most 30 days', () => {
  const next = { keyHash: 'b'.repeat(64), keyPrefix: 'prmk_zyxwvut' };
  client
    .given([created])
    .when({ type: 'RotateApiClientKey', data: { ...next, graceSeconds: 3600 } }, NOW)
    .thenEmits([ApiClientKeyRotated.create({ ...next, previousKeysValidUntil: '2026-06-01T10:00:00.000Z' })]);
  client
    .given([created])
    .when({ type: 'RotateApiClientKey', data: { ...next, graceSeconds: 31 * 86_400 } }, NOW)
    .thenFails('validation_failed', 'grace');
  client
    .given([])
    .when({ type: 'RotateApiClientKey', data: { ...next, graceSeconds: 0 } })
    .thenFails('not_found');
});

test('a revoked client is revoked for good: no rotation, no second revocation', () => {
  const state = client
    .given([created])
    .when({ type: 'RevokeApiClient', data: { reason: 'replaced' } })
    .thenEmits([ApiClientRevoked.create({ reason: 'replaced' })]);
  assert.equal(state, { status: 'revoked' });
  const revoked = [created, ApiClientRevoked.create({})];
  client.given(revoked).when({ type: 'RevokeApiClient', data: {} }).thenFails('invalid_state');
  client
    .given(revoked)
    .when({ type: 'RotateApiClientKey', data: { ...digest, graceSeconds: 0 } })
    .thenFails('invalid_state');
});

test.run();
