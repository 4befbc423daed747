import { createHash } from 'node:crypto';

/** An id that is a function of `text`: the prefix, then 21 characters of its SHA-256. */
export const derivedId = (prefix: string, text: string): string =>
  `${prefix}_${createHash('sha256').update(text).digest('base64url').slice(0, 21)}`;

/** A command id a server minted (`cmd_` + 8 digits of time + 8 random): its events can sort by its time. */
const MINTED = /^cmd_([0-9A-Za-z]{8})[0-9A-Za-z]{8}$/;

/**
 * Event ids derived from the command: the same command appending again produces the same ids,
 * so the store's idempotent append turns a replayed command (a policy after a crash) into a no-op.
 * A command id the server minted lends its 8 time digits to the front of its events' ids, so the
 * log's unique index on event ids grows at its end (a group commit dirties a page or two of it, not
 * one per event). Command ids that may be replayed (a policy's, an Idempotency-Key's) are derived
 * hashes and keep the hash-only form they always had; a minted one is replayed only by its own
 * process (a retry after a conflict), never across versions, so its events' ids may take the new form.
 */
export const eventIdFor = (commandId: string, streamId: string, index: number): string => {
  const minted = MINTED.exec(commandId);
  const id = derivedId('evt', `${commandId}/${streamId}/${index}`);
  return minted ? `evt_${minted[1]}${id.slice(4, 17)}` : id;
};
