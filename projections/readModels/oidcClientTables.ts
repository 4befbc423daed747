import { integer, json, table, tablesOf, text } from '../../infra/sql/tables.js';

/** Partner apps registered with the PRM's OpenID provider (migration 0900). */
export const oidcClientTables = tablesOf(
  table(
    'oidc_clients',
    {
      client_id: text(),
      name: text(),
      /** JSON array of the redirect URIs. */
      redirect_uris: json(),
      /** JSON array of the scopes the client may ask for. */
      scopes: json(),
      registered_at: text(),
      registered_by: text(),
      version: integer(),
    },
    ['client_id'],
  ),
);
