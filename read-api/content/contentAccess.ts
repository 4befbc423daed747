import * as E from 'fp-ts/lib/Either.js';
import { hasVendorRole, isVendorAdmin, type Principal } from '../../domain/access/index.js';
import { domainError, type DomainError } from '../../domain/shared/index.js';

/** Vendor staff (the admin key or any vendor role) see every content item, retired ones included. */
export const seesAllContent = (p: Principal): boolean => p.kind === 'admin-key' || p.vendorRoles.length > 0;

/**
 * Who may inspect someone else's visibility (audience members, a person's visible content): vendor
 * admins and auditors. Other vendor staff get 403; anyone else 404, as if `what` did not exist.
 */
export const inspectsVisibility = (p: Principal, what: string): E.Either<DomainError, true> => {
  if (isVendorAdmin(p) || hasVendorRole(p, 'auditor')) return E.right(true);
  if (p.kind !== 'admin-key' && p.vendorRoles.length > 0)
    return E.left(domainError('forbidden', 'only vendor admins and auditors inspect who sees what'));
  return E.left(domainError('not_found', `${what} not found`));
};
