import * as E from 'fp-ts/lib/Either.js';
import { domainError, type Decider } from '../shared/index.js';
import * as ev from './events.js';
import type { ApiClientEvent, ApiClientRole } from './events.js';

export interface ApiClientState {
  readonly status: 'none' | 'active' | 'revoked';
}

export type ApiClientCommand =
  | {
      type: 'CreateApiClient';
      data: {
        clientId: string;
        name: string;
        roles: readonly ApiClientRole[];
        regions?: readonly string[];
        keyHash: string;
        keyPrefix: string;
      };
    }
  | { type: 'RotateApiClientKey'; data: { keyHash: string; keyPrefix: string; graceSeconds: number } }
  | { type: 'RevokeApiClient'; data: { reason?: string } };

export const initialApiClientState: ApiClientState = { status: 'none' };

const evolve = (state: ApiClientState, event: ApiClientEvent): ApiClientState => {
  switch (event.type) {
    case 'ApiClientCreated':
      return { status: 'active' };
    case 'ApiClientKeyRotated':
      return state;
    case 'ApiClientRevoked':
      return { status: 'revoked' };
  }
};

const GRACE_LIMIT_DAYS = 30;

const decide = (command: ApiClientCommand, state: ApiClientState, now: Date) => {
  switch (command.type) {
    case 'CreateApiClient': {
      if (state.status !== 'none') return E.left(domainError('duplicate', 'API client already exists'));
      const { roles, regions, ...rest } = command.data;
      if (regions && !roles.includes('channel_manager'))
        return E.left(
          domainError('validation_failed', 'regions are for channel managers', {
            errors: [{ path: 'regions', message: 'only with the channel_manager role' }],
          }),
        );
      return E.right([
        ev.ApiClientCreated.create({
          ...rest,
          roles: [...new Set(roles)],
          ...(regions ? { regions: [...regions] } : {}),
        }),
      ]);
    }
    case 'RotateApiClientKey': {
      if (state.status === 'none') return E.left(domainError('not_found', 'API client not found'));
      if (state.status === 'revoked') return E.left(domainError('invalid_state', 'API client is revoked'));
      const { graceSeconds, ...key } = command.data;
      if (graceSeconds > GRACE_LIMIT_DAYS * 86_400)
        return E.left(
          domainError('validation_failed', 'grace period too long', {
            errors: [{ path: 'graceSeconds', message: `at most ${GRACE_LIMIT_DAYS} days` }],
          }),
        );
      const until = new Date(now.getTime() + graceSeconds * 1000);
      return E.right([ev.ApiClientKeyRotated.create({ ...key, previousKeysValidUntil: until.toISOString() })]);
    }
    case 'RevokeApiClient':
      if (state.status === 'none') return E.left(domainError('not_found', 'API client not found'));
      if (state.status === 'revoked') return E.left(domainError('invalid_state', 'API client is already revoked'));
      return E.right([ev.ApiClientRevoked.create(command.data.reason ? { reason: command.data.reason } : {})]);
  }
};

export const apiClientDecider: Decider<ApiClientCommand, ApiClientEvent, ApiClientState> = {
  initialState: initialApiClientState,
  evolve,
  decide,
};
