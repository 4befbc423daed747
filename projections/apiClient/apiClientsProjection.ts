import { sqlText } from '../../infra/sql/tableStatements.js';
import { defineProjection } from '../runner/projection.js';

/** Previous keys end at the grace instant, or earlier if an earlier rotation already ended them. */
const END_PREVIOUS_KEYS = sqlText(
  'UPDATE api_client_keys SET valid_until = ? WHERE client_id = ? AND (valid_until IS NULL OR valid_until > ?)',
);
const clientIdOf = (streamId: string) => streamId.slice('apiclient-'.length);

/** API clients and their key digests, as authentication looks them up on every request. */
export const apiClientsProjection = defineProjection({
  name: 'api_clients',
  tables: ['api_clients', 'api_client_keys'],
  handlers: {
    ApiClientCreated: async (db, e) => {
      await db.insert('api_clients', {
        client_id: e.data.clientId,
        name: e.data.name,
        roles: JSON.stringify(e.data.roles),
        regions: e.data.regions ? JSON.stringify(e.data.regions) : null,
        status: 'active',
        created_at: e.recordedAt,
        created_by: e.metadata.actor.id,
        rotated_at: null,
        revoked_at: null,
        version: e.version,
      });
      await db.insert('api_client_keys', {
        key_hash: e.data.keyHash,
        client_id: e.data.clientId,
        key_prefix: e.data.keyPrefix,
        created_at: e.recordedAt,
        valid_until: null,
      });
    },
    ApiClientKeyRotated: async (db, e) => {
      const clientId = clientIdOf(e.streamId);
      await db.execute(END_PREVIOUS_KEYS, [e.data.previousKeysValidUntil, clientId, e.data.previousKeysValidUntil]);
      await db.insert('api_client_keys', {
        key_hash: e.data.keyHash,
        client_id: clientId,
        key_prefix: e.data.keyPrefix,
        created_at: e.recordedAt,
        valid_until: null,
      });
      await db.update(
        'api_clients',
        { client_id: clientId },
        { set: { rotated_at: e.recordedAt, version: e.version } },
      );
    },
    ApiClientRevoked: async (db, e) => {
      await db.update(
        'api_clients',
        { client_id: clientIdOf(e.streamId) },
        { set: { status: 'revoked', revoked_at: e.recordedAt, version: e.version } },
      );
    },
  },
});
