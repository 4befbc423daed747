import { createHash } from 'node:crypto';

/**
 * EventStoreDB wants a UUID per event; ours are `evt_` nanoids. A name-based (v5-style) UUID keeps
 * the mapping deterministic, so a retry sends the same UUID and the server's own duplicate
 * detection agrees with ours. Our eventId itself travels in the metadata.
 */
export const esdbEventId = (eventId: string): string => {
  const h = createHash('sha1').update(`prm-event:${eventId}`).digest();
  h[6] = (h[6] & 0x0f) | 0x50;
  h[8] = (h[8] & 0x3f) | 0x80;
  const hex = h.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
};
