import type { EventRegistry } from '../../eventstore/eventRegistry.js';
import type { StoredEvent } from '../../eventstore/port.js';
import type { RawEvent } from '../../eventstore/verifyReport.js';

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
export const envelopeView = (raw: RawEvent, registry: EventRegistry, upcast: boolean) => {
  const data = parse(raw.data);
  const metadata = parse(raw.metadata);
  const stored: StoredEvent = { ...raw, data: data.value, metadata: metadata.value as StoredEvent['metadata'] };
  if (!data.ok || !metadata.ok) return { ...stored, unreadable: true as const };
  if (!upcast || stored.schemaVersion >= registry.currentVersion(stored.type)) return stored;
  const current = registry.upcast(stored);
  return { ...current, storedSchemaVersion: stored.schemaVersion };
};
