import * as E from 'fp-ts/lib/Either.js';
import { domainError, type Decider } from '../shared/index.js';
import * as ev from './events.js';
import type { OidcClientEvent, OidcScope } from './events.js';

export interface OidcClientState {
  readonly status: 'none' | 'registered';
}

export type OidcClientCommand = {
  type: 'RegisterOidcClient';
  data: { clientId: string; name: string; redirectUris: readonly string[]; scopes: readonly OidcScope[] };
};

const evolve = (_state: OidcClientState, event: OidcClientEvent): OidcClientState => {
  switch (event.type) {
    case 'OidcClientRegistered':
      return { status: 'registered' };
  }
};

/** Plain http is for apps on the user's own machine (native apps, development): loopback only. */
const acceptableRedirect = (uri: string) => {
  const url = new URL(uri);
  return url.protocol === 'https:' || ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
};

const decide = (command: OidcClientCommand, state: OidcClientState) => {
  switch (command.type) {
    case 'RegisterOidcClient': {
      if (state.status !== 'none') return E.left(domainError('duplicate', 'client already registered'));
      const { redirectUris, scopes, ...rest } = command.data;
      const bad = redirectUris.findIndex((u) => !acceptableRedirect(u) || u.includes('#'));
      if (bad >= 0)
        return E.left(
          domainError('validation_failed', 'redirect URIs must be https (http only on loopback), without fragment', {
            errors: [{ path: `redirectUris.${bad}`, message: 'https, or http on loopback; no fragment' }],
          }),
        );
      if (!scopes.includes('openid'))
        return E.left(
          domainError('validation_failed', 'an OpenID Connect client asks for openid', {
            errors: [{ path: 'scopes', message: 'must include openid' }],
          }),
        );
      return E.right([
        ev.OidcClientRegistered.create({
          ...rest,
          redirectUris: [...new Set(redirectUris)],
          scopes: [...new Set(scopes)],
        }),
      ]);
    }
  }
};

export const oidcClientDecider: Decider<OidcClientCommand, OidcClientEvent, OidcClientState> = {
  initialState: { status: 'none' },
  evolve,
  decide,
};
