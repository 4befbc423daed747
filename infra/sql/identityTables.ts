import { table, tablesOf, text } from './tables.js';

/**
 * Identity plumbing (migration 0900), operational and not derived from the log: one-time sign-in links
 * (by the SHA-256 of the link's secret), and the storage of the PRM's OpenID provider: every model
 * oidc-provider keeps (sessions, interactions, grants, codes, tokens) as JSON under (model, id), and its
 * signing keys. In the product's database, so cluster nodes on PostgreSQL share one provider state.
 */
export const identityTables = tablesOf(
  table(
    'sign_in_links',
    {
      link_hash: text(),
      email: text(),
      person_id: text().orNull(),
      /** Where the link leads once used: the console, or an interaction of the PRM's OpenID provider. */
      return_to: text().orNull(),
      address: text(),
      created_at: text(),
      expires_at: text(),
      used_at: text().orNull(),
    },
    ['link_hash'],
  ),
  table(
    'oidc_store',
    {
      model: text(),
      id: text(),
      payload: text(),
      grant_id: text().orNull(),
      uid: text().orNull(),
      user_code: text().orNull(),
      expires_at: text().orNull(),
      consumed_at: text().orNull(),
    },
    ['model', 'id'],
  ),
  table('oidc_signing_keys', { kid: text(), private_jwk: text(), created_at: text() }, ['kid']),
);
