import type { StoredEvent } from '../../eventstore/port.js';
import type { Database } from '../readModels/database.js';
import type { ReadModelDb } from '../readModels/readModelDb.js';
import { defineProjection } from '../runner/projection.js';
import { idOfStream } from '../streamIds.js';

const touch = (db: ReadModelDb, e: StoredEvent, set: Partial<Database['webhooks']> = {}) =>
  db.update(
    'webhooks',
    { webhook_id: idOfStream(e.streamId) },
    { set: { version: e.version, updated_at: e.recordedAt, ...set } },
  );

/** Webhook subscriptions as `GET /webhooks` lists them (no secret: it is never in the log). */
export const webhooksProjection = defineProjection({
  name: 'webhooks',
  tables: ['webhooks'],
  handlers: {
    WebhookSubscribed: (db, e) =>
      db.insert('webhooks', {
        webhook_id: e.data.webhookId,
        url: e.data.url,
        event_types: e.data.eventTypes ? JSON.stringify(e.data.eventTypes) : null,
        description: e.data.description ?? null,
        status: 'active',
        secret_version: e.data.secretVersion,
        subscribed_at: e.recordedAt,
        subscribed_by: e.metadata.actor.id,
        subscribed_position: e.position,
        version: e.version,
        updated_at: e.recordedAt,
      }),
    WebhookDisabled: (db, e) => touch(db, e, { status: 'disabled', status_reason: e.data.reason ?? null }),
    WebhookEnabled: (db, e) => touch(db, e, { status: 'active', status_reason: null, failed_position: null }),
    WebhookSecretRotated: (db, e) =>
      touch(db, e, { secret_version: e.data.secretVersion, previous_secret_valid_until: e.data.previousValidUntil }),
    WebhookMarkedFailing: (db, e) =>
      touch(db, e, { status: 'failing', status_reason: e.data.lastError, failed_position: e.data.position }),
    WebhookReplayRequested: (db, e) => touch(db, e),
  },
});
