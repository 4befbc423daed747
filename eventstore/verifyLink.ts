import { eventHash } from './hashChain.js';
import type { RawEvent } from './verifyReport.js';

/** A raw event with its stored JSON parsed once; undefined when the stored text is not JSON (tampered). */
export type ParsedRaw = Omit<RawEvent, 'data' | 'metadata'> & { readonly data: unknown; readonly metadata: unknown };

export const parseRaw = (e: RawEvent): ParsedRaw | undefined => {
  try {
    return { ...e, data: JSON.parse(e.data), metadata: JSON.parse(e.metadata) };
  } catch {
    return undefined;
  }
};

/**
 * The hash the event would have if it were written at `position` after an event hashed `previousHash`.
 * Verification hashes the stored body (never the upcast one): that is what was hashed when appended.
 */
export const hashAt = (previousHash: string, e: ParsedRaw, position: number = e.position): string =>
  eventHash(previousHash, {
    position,
    streamId: e.streamId,
    version: e.version,
    eventId: e.eventId,
    type: e.type,
    schemaVersion: e.schemaVersion,
    data: e.data,
    metadata: e.metadata as never,
    recordedAt: e.recordedAt,
  });

/** True when the stored event links onto `previousHash` at its stored position. */
export const linksOnto = (previousHash: string, e: RawEvent): boolean => {
  const parsed = parseRaw(e);
  return parsed !== undefined && hashAt(previousHash, parsed) === e.hash;
};
