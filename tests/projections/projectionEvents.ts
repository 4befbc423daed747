import type { StoredEvent } from '../../eventstore/port.js';
import type { SqlDb } from '../../infra/sql/sqlDb.js';
import type { Projection } from '../../projections/runner/projection.js';

/**
 * Hands events straight to projections on `db`, as the runner would from the log: positions (and
 * versions, increasing in every stream) count up from 1, a second apart.
 */
export const projectionEvents = (db: SqlDb) => {
  let position = 0;
  return (p: Projection, streamId: string, type: string, data: object) => {
    position++;
    const event: StoredEvent = {
      position,
      streamId,
      version: position,
      eventId: `evt_applied${position}`,
      type,
      schemaVersion: type === 'PartnerApplied' ? 2 : 1,
      data,
      metadata: { actor: { kind: 'system', id: 'test' }, commandId: 'cmd_applied', correlationId: 'cmd_applied' },
      recordedAt: new Date(Date.UTC(2026, 11, 1, 0, 0, position)).toISOString(),
      hash: `hash${position}`,
    };
    return p.apply(db, event);
  };
};

/** A `PartnerApplied` body for `partnerId`. */
export const partnerApplied = (partnerId: string) => ({
  partnerId,
  name: `Partner ${partnerId}`,
  website: `https://${partnerId}.example.com`,
  domain: `${partnerId}.example.com`,
  country: 'DE',
  region: 'emea',
  type: 'reseller',
});
