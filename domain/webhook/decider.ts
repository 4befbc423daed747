import * as E from 'fp-ts/lib/Either.js';
import { domainError, type Decider } from '../shared/index.js';
import * as ev from './events.js';
import type { WebhookEvent } from './events.js';

export type WebhookStatus = 'none' | 'active' | 'disabled' | 'failing';

export interface WebhookState {
  readonly status: WebhookStatus;
  readonly webhookId?: string;
  readonly url?: string;
  readonly eventTypes?: readonly string[];
  readonly description?: string;
  readonly secretVersion: number;
  /** The secret before the last rotation, still signed with until `validUntil`. */
  readonly previousSecret?: { readonly version: number; readonly validUntil: string };
}

export type WebhookCommand =
  | {
      type: 'Subscribe';
      data: { webhookId: string; url: string; eventTypes?: readonly string[]; description?: string };
    }
  | { type: 'Disable'; data: { reason?: string } }
  | { type: 'Enable'; data: Record<string, never> }
  | { type: 'RotateSecret'; data: { previousValidForSeconds: number } }
  | {
      type: 'MarkFailing';
      data: { position: number; eventId: string; attempts: number; failingSince: string; lastError: string };
    }
  | { type: 'RequestReplay'; data: { fromPosition: number; headPosition: number } };

export const initialWebhookState: WebhookState = { status: 'none', secretVersion: 0 };

const evolve = (state: WebhookState, event: WebhookEvent): WebhookState => {
  switch (event.type) {
    case 'WebhookSubscribed': {
      const { webhookId, url, eventTypes, description, secretVersion } = event.data;
      return { status: 'active', webhookId, url, eventTypes, description, secretVersion };
    }
    case 'WebhookDisabled':
      return { ...state, status: 'disabled' };
    case 'WebhookEnabled':
      return { ...state, status: 'active' };
    case 'WebhookSecretRotated':
      return {
        ...state,
        secretVersion: event.data.secretVersion,
        previousSecret: { version: state.secretVersion, validUntil: event.data.previousValidUntil },
      };
    case 'WebhookMarkedFailing':
      return { ...state, status: 'failing' };
    case 'WebhookReplayRequested':
      return state;
  }
};

const refuse = (message: string) => E.left(domainError('invalid_state', message));

const decide = (command: WebhookCommand, state: WebhookState, now: Date) => {
  if (command.type === 'Subscribe') {
    if (state.status !== 'none') return E.left(domainError('duplicate', 'webhook already exists'));
    const { eventTypes, description, ...rest } = command.data;
    return E.right([
      ev.WebhookSubscribed.create({
        ...rest,
        ...(eventTypes ? { eventTypes: [...new Set(eventTypes)].sort() } : {}),
        ...(description ? { description } : {}),
        secretVersion: 1,
      }),
    ]);
  }
  if (state.status === 'none') return E.left(domainError('not_found', 'webhook not found'));
  switch (command.type) {
    case 'Disable':
      return state.status === 'active'
        ? E.right([ev.WebhookDisabled.create(command.data)])
        : refuse(`the webhook is already ${state.status}`);
    case 'Enable':
      return state.status === 'active'
        ? refuse('the webhook is already active')
        : E.right([ev.WebhookEnabled.create({})]);
    case 'RotateSecret': {
      const validUntil = new Date(now.getTime() + command.data.previousValidForSeconds * 1000);
      return E.right([
        ev.WebhookSecretRotated.create({
          secretVersion: state.secretVersion + 1,
          previousValidUntil: validUntil.toISOString(),
        }),
      ]);
    }
    case 'MarkFailing':
      // An admin who disabled it meanwhile has the last word.
      return state.status === 'active'
        ? E.right([ev.WebhookMarkedFailing.create(command.data)])
        : refuse(`the webhook is ${state.status}`);
    case 'RequestReplay': {
      const { fromPosition, headPosition } = command.data;
      if (fromPosition > headPosition + 1)
        return E.left(
          domainError('validation_failed', 'cannot replay from beyond the end of the log', {
            errors: [{ path: 'fromPosition', message: `the log ends at position ${headPosition}` }],
          }),
        );
      return E.right([ev.WebhookReplayRequested.create({ fromPosition })]);
    }
  }
};

export const webhookDecider: Decider<WebhookCommand, WebhookEvent, WebhookState> = {
  initialState: initialWebhookState,
  evolve,
  decide,
};
