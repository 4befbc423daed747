import type { Upcaster } from '../eventstore/eventRegistry.js';

/**
 * Upcasters for every event type whose schema changed, oldest first. An event stored at an older
 * schema version is brought to the current one on read; the stored bytes (and the hash chain)
 * never change. See the README's "Changing an event's schema".
 */
export const upcasters: readonly Upcaster[] = [];
