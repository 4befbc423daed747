import type { EventRegistry } from '../../eventstore/eventRegistry.js';
import type { StoredEvent } from '../../eventstore/port.js';
import type { EventRow } from '../../eventstore/sqlite/eventRow.js';

export const ENVELOPE_COLUMNS = 'position, stream_id, version, event_id, type, schema_version, data, metadata, recorded_at, hash';

const parse = (text: string): { value: unknown; ok: boolean } => {
  try {
    return { value: JSON.parse(text), ok: true };
  } catch {
    return { value: text, ok: false };
  }
};

/**
 * A stored event as auditors see it: exactly as stored (the bytes the hash covers), or, with
 * `upcast`, its body brought to the current schema version (`storedSchemaVersion` tells from which).
 * A body that is no longer JSON (a tampered row) is shown as its text with `unreadable: true`.
 */
export const envelopeView = (row: EventRow, registry: EventRegistry, upcast: boolean) => {
  const data = parse(row.data);
  const metadata = parse(row.metadata);
  const stored: StoredEvent = {
    position: row.position, streamId: row.stream_id, version: row.version, eventId: row.event_id, type: row.type,
    schemaVersion: row.schema_version, data: data.value, metadata: metadata.value as StoredEvent['metadata'], recordedAt: row.recorded_at, hash: row.hash,
  };
  if (!data.ok || !metadata.ok) return { ...stored, unreadable: true };
  if (!upcast || stored.schemaVersion >= registry.currentVersion(stored.type)) return stored;
  const current = registry.upcast(stored);
  return { ...current, storedSchemaVersion: stored.schemaVersion };
};
