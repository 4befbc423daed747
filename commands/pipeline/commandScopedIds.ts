import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash } from 'node:crypto';
import { idPrefixes, type IdGenerator, type IdKind } from '../../domain/shared/ids.js';
import { derivedId } from './eventIds.js';

interface Scope {
  readonly commandId: string;
  issued: number;
}

const scope = new AsyncLocalStorage<Scope>();
const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/**
 * New ids derived from the command id instead of drawn at random, while `work` runs: a command
 * retried under the same Idempotency-Key creates the same partner, deal or claim again, so the
 * store's idempotent append recognises it instead of creating a second one.
 */
export const withCommandScopedIds = <T>(commandId: string, work: () => Promise<T>): Promise<T> =>
  scope.run({ commandId, issued: 0 }, work);

/** Each attempt of a command starts numbering afresh, so a retry after a conflict reuses the same ids. */
export const restartCommandScopedIds = (): void => {
  const current = scope.getStore();
  if (current) current.issued = 0;
};

/** Ids from `base`, except inside `withCommandScopedIds`, where they derive from the command id. */
export const commandScopedIds = (base: IdGenerator): IdGenerator => ({
  next: (kind: IdKind) => {
    const current = scope.getStore();
    if (!current || kind === 'command') return base.next(kind);
    current.issued += 1;
    const digest = createHash('sha256').update(`${current.commandId}/${kind}/${current.issued}`).digest();
    let body = '';
    for (let i = 0; i < 16; i++) body += ALPHABET[digest[i] % ALPHABET.length];
    return `${idPrefixes[kind]}_${body}`;
  },
});

/** The command id of a request sent with an Idempotency-Key: the same for every retry of it. */
export const idempotentCommandId = (scopeKey: string): string => derivedId('cmd', scopeKey);
