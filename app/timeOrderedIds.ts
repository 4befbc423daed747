import { customAlphabet } from 'nanoid';
import { ID_ALPHABET, idPrefixes, timeOrderedBody, type IdGenerator } from '../domain/shared/ids.js';

const tail = customAlphabet(ID_ALPHABET, 8);

/**
 * Prefixed ids ordered by the instant they were minted (`per_` + 8 digits of time + 8 random
 * alphanumerics, ~48 bits of randomness per millisecond): a rebuild then writes each table's new rows
 * at its end. Bodies minted in the same millisecond by this process are never the same; another
 * process would have to draw the same 8 characters in the same millisecond.
 */
export const timeOrderedIds = (clock: () => number = Date.now): IdGenerator => {
  let at = Number.NaN;
  const minted = new Set<string>();
  return {
    next: (kind) => {
      const now = clock();
      if (now !== at) {
        at = now;
        minted.clear();
      }
      let body = timeOrderedBody(now, tail());
      while (minted.has(body)) body = timeOrderedBody(now, tail());
      minted.add(body);
      return `${idPrefixes[kind]}_${body}`;
    },
  };
};
