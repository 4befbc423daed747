import type { EventRegistry } from '../eventRegistry.js';
import type { StoredEvent } from '../port.js';

/**
 * Throws unless this version of the software can read the event: its type is known, upcasters bring
 * it to the current schema version, and the result passes that version's schema.
 */
export const readableEvent =
  (registry: EventRegistry) =>
  (event: StoredEvent): void => {
    const current = registry.upcast(event);
    registry.validate(current.type, current.schemaVersion, current.data);
  };
