import * as crypto from 'node:crypto';
import type { StoredEvent } from './port.js';

export const GENESIS_HASH = '0'.repeat(64);

/** The tip of the chain: where the next appended event links. */
export interface ChainHead {
  readonly position: number;
  readonly hash: string;
}

/** Object keys come from a small set (the events' field names): each is quoted once. Bounded for odd data. */
const quotedKeys = new Map<string, string>();
const quoteKey = (key: string): string => {
  let quoted = quotedKeys.get(key);
  if (quoted === undefined) {
    quoted = JSON.stringify(key);
    if (quotedKeys.size < 10_000) quotedKeys.set(key, quoted);
  }
  return quoted;
};

/**
 * JSON with object keys sorted, so the same event always hashes the same on every adapter.
 * Written as plain loops (no entries/filter/map arrays): it runs for every appended event and was
 * the largest CPU cost of an append. Output is unchanged: keys sorted by UTF-16 code units,
 * undefined members dropped, undefined in arrays as null.
 */
export const canonicalJson = (value: unknown): string => {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i === 0 ? '' : ',') + canonicalJson(value[i]);
    return `${out}]`;
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).sort();
  let out = '{';
  for (const key of keys) {
    const member = record[key];
    if (member === undefined) continue;
    out += `${out.length === 1 ? '' : ','}${quoteKey(key)}:${canonicalJson(member)}`;
  }
  return `${out}}`;
};

export type HashedFields = Omit<StoredEvent, 'hash'>;

/** The envelope's fields in sorted order: its canonical JSON is written directly, without an object to sort. */
const ENVELOPE_KEYS = [
  'data',
  'eventId',
  'metadata',
  'position',
  'recordedAt',
  'schemaVersion',
  'streamId',
  'type',
  'version',
] as const;

/** canonicalJson of the envelope without its hash (exactly the nine fields above). */
const envelopeJson = (event: HashedFields): string => {
  let out = '{';
  for (const key of ENVELOPE_KEYS) {
    const value = event[key];
    if (value === undefined) continue;
    out += `${out.length === 1 ? '' : ','}"${key}":${canonicalJson(value)}`;
  }
  return `${out}}`;
};

// One-shot hashing (Node 20.12 and later) skips a Hash object per event. The bytes hashed are the
// same as update(previous).update(json): the JSON starts with '{', so nothing joins across the seam.
const sha256Hex: (text: string) => string =
  typeof crypto.hash === 'function'
    ? (text) => crypto.hash('sha256', text, 'hex')
    : (text) => crypto.createHash('sha256').update(text).digest('hex');

/** sha-256 over the previous hash and this event's canonical JSON (everything but the hash itself). */
export const eventHash = (previousHash: string, event: HashedFields): string =>
  sha256Hex(previousHash + envelopeJson(event));
