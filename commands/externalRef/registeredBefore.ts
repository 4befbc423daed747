import * as E from 'fp-ts/lib/Either.js';
import type { Caller } from '../../domain/access/index.js';
import { dealDecider, dealStream, seesDeal } from '../../domain/deal/index.js';
import { partnerDecider, partnerStream } from '../../domain/partner/index.js';
import { domainError, type DomainError } from '../../domain/shared/index.js';
import type { Target, UnitOfWork } from '../pipeline/index.js';
import { holderOf } from './externalRefLinks.js';

/**
 * A registration whose CRM ids already belong to a deal: the same partner's deal answers the retry
 * (idempotent by the CRM's own opportunity id, nothing appended); another partner's is a `duplicate`.
 * Undefined when no deal holds them: register.
 */
export const registeredBefore = async (
  uow: UnitOfWork,
  principal: Caller,
  partnerId: string,
  refs: Readonly<Record<string, string>>,
): Promise<E.Either<DomainError, Target> | undefined> => {
  const holder = await holderOf(uow, 'deal', refs);
  if (E.isLeft(holder)) return holder;
  if (holder.right === undefined) return undefined;
  const { state: deal } = await uow.load(dealDecider, dealStream(holder.right));
  const { state: partner } = await uow.load(partnerDecider, partnerStream(partnerId));
  const scope = { partnerId, region: partner.region, channelManagerId: partner.channelManagerId };
  // Only a deal of this partner that the caller may see answers; anything else is a refused duplicate.
  if (deal.partnerId !== partnerId || !seesDeal(principal, { partnerId, registeredBy: deal.registeredBy ?? '' }, scope))
    return E.left(
      domainError('duplicate', 'these external ids belong to another deal registration', {
        errors: [{ path: 'externalRefs', message: 'already linked to another deal' }],
      }),
    );
  return E.right({ id: holder.right, streamId: dealStream(holder.right) });
};
