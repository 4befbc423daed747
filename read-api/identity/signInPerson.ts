import type { Principal } from '../../domain/access/index.js';
import { loadPrincipal } from '../../projections/index.js';
import type { SqlDb } from '../../infra/sql/sqlDb.js';

/** Why nobody was signed in: no registered person has the address, it is unverified, or they are gone. */
export type SignInRefusal = 'unknown' | 'unverified' | 'departed';

export type SignInMatch =
  | { readonly ok: true; readonly personId: string; readonly principal: Principal }
  | { readonly ok: false; readonly refusal: SignInRefusal };

/** The registered person with this address (emails are unique and stored lower-cased). */
export const personIdByEmail = async (reader: SqlDb, email: string): Promise<string | undefined> =>
  (
    await reader.get<{ person_id: string }>('SELECT person_id FROM people WHERE email = ?', [
      email.trim().toLowerCase(),
    ])
  )?.person_id;

/**
 * May this person sign in now? Someone with a vendor role, or employed by a partner that is not
 * terminated. A person who left their partner (and holds no vendor role) has departed.
 */
export const maySignIn = (p: Principal): boolean =>
  p.kind !== 'person' || p.vendorRoles.length > 0 || (p.employer !== undefined && p.employer.status !== 'terminated');

/** Matches a verified address to a person who may sign in. */
export const matchPerson = async (reader: SqlDb, email: string, verified: boolean): Promise<SignInMatch> => {
  if (!verified) return { ok: false, refusal: 'unverified' };
  const personId = await personIdByEmail(reader, email);
  const principal = personId ? await loadPrincipal(reader, personId) : undefined;
  if (!personId || !principal) return { ok: false, refusal: 'unknown' };
  if (!maySignIn(principal)) return { ok: false, refusal: 'departed' };
  return { ok: true, personId, principal };
};
