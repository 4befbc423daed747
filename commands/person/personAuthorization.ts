import * as E from 'fp-ts/lib/Either.js';
import {
  employerIs,
  isPartnerAdminOf,
  isVendorAdmin,
  managesPartner,
  personIdOf,
  readsEverything,
  seesPartner,
  type Caller,
} from '../../domain/access/index.js';
import { partnerDecider, partnerStream, type PartnerState } from '../../domain/partner/index.js';
import type { PersonState } from '../../domain/person/index.js';
import type { DomainError } from '../../domain/shared/index.js';
import { forbidden, notFound } from '../auth/refusals.js';
import type { UnitOfWork } from '../pipeline/index.js';

/** Channel staff managing the person's current employer, or a vendor admin. */
export const managesPersonOf = async (uow: UnitOfWork, p: Caller, person: PersonState) => {
  if (isVendorAdmin(p)) return true;
  if (!person.employment) return false;
  const { state } = await uow.load(partnerDecider, partnerStream(person.employment.partnerId));
  return managesPartner(p, {
    partnerId: person.employment.partnerId,
    region: state.region,
    channelManagerId: state.channelManagerId,
  });
};

/**
 * Whether the caller may know this person exists: themselves, vendor readers, staff over their
 * employer, colleagues.
 */
export const visiblePerson = async (uow: UnitOfWork, p: Caller, person: PersonState, personId: string) => {
  if (personIdOf(p) === personId || readsEverything(p)) return true;
  if (await managesPersonOf(uow, p, person)) return true;
  const employer = person.employment?.partnerId;
  return employer !== undefined && employerIs(p, employer) !== undefined;
};

/**
 * Partner admins manage their own people; channel staff manage their partners' people. Leaving is
 * always one's own to do, even from a suspended partner one can no longer see.
 */
export const authorizeEmployment = async (
  uow: UnitOfWork,
  p: Caller,
  partnerId: string,
  personId: string | undefined,
  action: string,
): Promise<E.Either<DomainError, PartnerState>> => {
  const { state } = await uow.load(partnerDecider, partnerStream(partnerId));
  const scope = { partnerId, region: state.region, channelManagerId: state.channelManagerId };
  const self = personId !== undefined && personIdOf(p) === personId && action === 'leave';
  if (state.status === 'none' || (!seesPartner(p, scope) && !self)) return notFound('partner');
  if (!managesPartner(p, scope) && !isPartnerAdminOf(p, partnerId) && !self)
    return forbidden(`not allowed to ${action} employees of this partner`);
  return E.right(state);
};
