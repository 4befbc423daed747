import { createHash } from 'node:crypto';

/**
 * Event ids derived from the command: the same command appending again produces the same ids,
 * so the store's idempotent append turns a replayed command (a policy after a crash) into a no-op.
 */
export const eventIdFor = (commandId: string, streamId: string, index: number): string =>
  `evt_${createHash('sha256').update(`${commandId}/${streamId}/${index}`).digest('base64url').slice(0, 21)}`;
