import type { Kysely } from 'kysely';

/**
 * Identity (DESIGN §14): the audit access log learns the sign-in event, the OAuth client and the
 * caller's address; one-time sign-in links (their SHA-256, never the link); the storage of the PRM's
 * own OpenID provider (grants, sessions, codes, tokens and its signing keys) so every node of a cluster
 * shares it; and the partner apps registered with it (a read model of `OidcClientRegistered`).
 */
export const up = async (db: Kysely<unknown>) => {
  for (const column of ['event', 'client_id', 'address'])
    await db.schema.alterTable('audit_access_log').addColumn(column, 'text').execute();

  await db.schema
    .createTable('sign_in_links')
    .addColumn('link_hash', 'text', (c) => c.primaryKey())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text')
    .addColumn('return_to', 'text')
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .execute();
  await db.schema.createIndex('sign_in_links_email').on('sign_in_links').columns(['email', 'created_at']).execute();
  await db.schema.createIndex('sign_in_links_address').on('sign_in_links').columns(['address', 'created_at']).execute();

  await db.schema
    .createTable('oidc_store')
    .addColumn('model', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('grant_id', 'text')
    .addColumn('uid', 'text')
    .addColumn('user_code', 'text')
    .addColumn('expires_at', 'text')
    .addColumn('consumed_at', 'text')
    .addPrimaryKeyConstraint('oidc_store_pk', ['model', 'id'])
    .execute();
  await db.schema.createIndex('oidc_store_grant').on('oidc_store').column('grant_id').execute();
  await db.schema.createIndex('oidc_store_uid').on('oidc_store').columns(['model', 'uid']).execute();
  await db.schema.createIndex('oidc_store_user_code').on('oidc_store').columns(['model', 'user_code']).execute();

  await db.schema
    .createTable('oidc_signing_keys')
    .addColumn('kid', 'text', (c) => c.primaryKey())
    .addColumn('private_jwk', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('oidc_clients')
    .addColumn('client_id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('redirect_uris', 'text', (c) => c.notNull())
    .addColumn('scopes', 'text', (c) => c.notNull())
    .addColumn('registered_at', 'text', (c) => c.notNull())
    .addColumn('registered_by', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
};
