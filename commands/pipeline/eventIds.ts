import { createHash } from 'node:crypto';

/** An id that is a function of `text`: the prefix, then 21 characters of its SHA-256. */
export const derivedId = (prefix: string, text: string): string =>
  `${prefix}_${createHash('sha256').update(text).digest('base64url').slice(0, 21)}`;

/**
 * Event ids derived from the command: the same command appending again produces the same ids,
 * so the store's idempotent append turns a replayed command (a policy after a crash) into a no-op.
 */
export const eventIdFor = (commandId: string, streamId: string, index: number): string =>
  derivedId('evt', `${commandId}/${streamId}/${index}`);
