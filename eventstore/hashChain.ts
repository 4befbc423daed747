import { createHash } from 'node:crypto';
import type { StoredEvent } from './port.js';

export const GENESIS_HASH = '0'.repeat(64);

/** JSON with object keys sorted, so the same event always hashes the same on every adapter. */
export const canonicalJson = (value: unknown): string => {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
};

export type HashedFields = Omit<StoredEvent, 'hash'>;

/** sha-256 over the previous hash and this event's canonical JSON (everything but the hash itself). */
export const eventHash = (previousHash: string, event: HashedFields): string =>
  createHash('sha256')
    .update(previousHash)
    .update(
      canonicalJson({
        position: event.position,
        streamId: event.streamId,
        version: event.version,
        eventId: event.eventId,
        type: event.type,
        schemaVersion: event.schemaVersion,
        data: event.data,
        metadata: event.metadata,
        recordedAt: event.recordedAt,
      }),
    )
    .digest('hex');
