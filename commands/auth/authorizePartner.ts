import * as E from 'fp-ts/lib/Either.js';
import { seesPartner, type Caller, type PartnerScope } from '../../domain/access/index.js';
import { domainError, type DomainError } from '../../domain/shared/index.js';
import type { PartnerState } from '../../domain/partner/index.js';

/**
 * Not visible -> 404 (never reveal that it exists); visible but not allowed -> 403.
 */
export const authorizePartner = (
  principal: Caller,
  partnerId: string,
  state: PartnerState,
  allowed: (p: Caller, scope: PartnerScope) => boolean,
  action: string,
): E.Either<DomainError, PartnerScope> => {
  const scope: PartnerScope = { partnerId, region: state.region, channelManagerId: state.channelManagerId };
  if (state.status === 'none' || !seesPartner(principal, scope))
    return E.left(domainError('not_found', 'partner not found'));
  if (!allowed(principal, scope)) return E.left(domainError('forbidden', `not allowed to ${action} this partner`));
  return E.right(scope);
};
