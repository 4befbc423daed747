import { customAlphabet } from 'nanoid';
import { idPrefixes, type IdGenerator } from '../domain/shared/ids.js';

const body = customAlphabet('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz', 16);

/** Prefixed nanoids (`ptr_…`), 16 alphanumerics: ~95 bits of randomness. */
export const nanoidGenerator: IdGenerator = { next: (kind) => `${idPrefixes[kind]}_${body()}` };
