import { defineProjection } from '../runner/projection.js';

/** Partner apps of the PRM's OpenID provider, as the provider looks them up. */
export const oidcClientsProjection = defineProjection({
  name: 'oidc_clients',
  tables: ['oidc_clients'],
  handlers: {
    OidcClientRegistered: async (db, e) => {
      await db.insert('oidc_clients', {
        client_id: e.data.clientId,
        name: e.data.name,
        redirect_uris: JSON.stringify(e.data.redirectUris),
        scopes: JSON.stringify(e.data.scopes),
        registered_at: e.recordedAt,
        registered_by: e.metadata.actor.id,
        version: e.version,
      });
    },
  },
});
