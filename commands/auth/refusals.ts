import * as E from 'fp-ts/lib/Either.js';
import { domainError } from '../../domain/shared/index.js';

/** Not visible to the caller: 404, never revealing that it exists. */
export const notFound = (what: string) => E.left(domainError('not_found', `${what} not found`));
/** Visible but not the caller's to do: 403. */
export const forbidden = (message: string) => E.left(domainError('forbidden', message));
