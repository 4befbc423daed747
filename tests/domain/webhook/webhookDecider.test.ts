/** Webhook subscription decider: every transition and refusal, given / when / then. */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import {
  WebhookDisabled,
  WebhookEnabled,
  WebhookMarkedFailing,
  WebhookReplayRequested,
  WebhookSecretRotated,
  WebhookSubscribed,
  webhookDecider,
} from '../../../domain/webhook/index.js';
import { SPEC_NOW, spec } from '../../support/deciderSpec.js';

const webhook = spec(webhookDecider);
const subscribed = WebhookSubscribed.create({
  webhookId: 'whk_abcdef123456',
  url: 'https://crm.example/hooks',
  eventTypes: ['DealApproved', 'DealRegistered'],
  secretVersion: 1,
});
const failure = {
  position: 42,
  eventId: 'evt_x',
  attempts: 16,
  failingSince: '2026-03-12T12:00:00.000Z',
  lastError: 'HTTP 503',
};
const test = suite('webhook decider');

test('a subscription starts active at secret version 1, its event types unique and sorted', () => {
  const state = webhook
    .given([])
    .when({
      type: 'Subscribe',
      data: {
        webhookId: 'whk_abcdef123456',
        url: 'https://crm.example/hooks',
        eventTypes: ['DealRegistered', 'DealApproved', 'DealRegistered'],
      },
    })
    .thenEmits([subscribed]);
  assert.equal([state.status, state.secretVersion], ['active', 1]);
  webhook
    .given([subscribed])
    .when({ type: 'Subscribe', data: { webhookId: 'whk_abcdef123456', url: 'https://x.example' } })
    .thenFails('duplicate');
});

test('disable, enable: each only from the other state', () => {
  webhook
    .given([subscribed])
    .when({ type: 'Disable', data: { reason: 'maintenance' } })
    .thenEmits([WebhookDisabled.create({ reason: 'maintenance' })]);
  webhook.given([subscribed]).when({ type: 'Enable', data: {} }).thenFails('invalid_state', 'already active');
  webhook
    .given([subscribed, WebhookDisabled.create({})])
    .when({ type: 'Disable', data: {} })
    .thenFails('invalid_state');
  webhook
    .given([subscribed, WebhookDisabled.create({})])
    .when({ type: 'Enable', data: {} })
    .thenEmits([WebhookEnabled.create({})]);
  webhook.given([]).when({ type: 'Enable', data: {} }).thenFails('not_found');
});

test('marked failing only while active; enabled again afterwards', () => {
  const state = webhook
    .given([subscribed])
    .when({ type: 'MarkFailing', data: failure })
    .thenEmits([WebhookMarkedFailing.create(failure)]);
  assert.is(state.status, 'failing');
  webhook
    .given([subscribed, WebhookDisabled.create({})])
    .when({ type: 'MarkFailing', data: failure })
    .thenFails('invalid_state');
  webhook
    .given([subscribed, WebhookMarkedFailing.create(failure)])
    .when({ type: 'Enable', data: {} })
    .thenEmits([WebhookEnabled.create({})]);
});

test('rotation moves the version on and keeps the previous secret valid for the grace period', () => {
  const state = webhook
    .given([subscribed])
    .when({ type: 'RotateSecret', data: { previousValidForSeconds: 3600 } })
    .thenEmits([
      WebhookSecretRotated.create({
        secretVersion: 2,
        previousValidUntil: new Date(SPEC_NOW.getTime() + 3_600_000).toISOString(),
      }),
    ]);
  assert.equal([state.secretVersion, state.previousSecret?.version], [2, 1]);
});

test('replay from any position of the log, not beyond its end', () => {
  webhook
    .given([subscribed])
    .when({ type: 'RequestReplay', data: { fromPosition: 1, headPosition: 10 } })
    .thenEmits([WebhookReplayRequested.create({ fromPosition: 1 })]);
  webhook
    .given([subscribed])
    .when({ type: 'RequestReplay', data: { fromPosition: 11, headPosition: 10 } })
    .thenEmits([WebhookReplayRequested.create({ fromPosition: 11 })]);
  const error = webhook
    .given([subscribed])
    .when({ type: 'RequestReplay', data: { fromPosition: 12, headPosition: 10 } })
    .thenFails('validation_failed');
  assert.is(error.errors?.[0].path, 'fromPosition');
});

test.run();
