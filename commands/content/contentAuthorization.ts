import * as E from 'fp-ts/lib/Either.js';
import { isChannelStaff, type Caller } from '../../domain/access/index.js';
import { contentViewerOf, reachHolds, reachOf, type ContentState } from '../../domain/content/index.js';
import { partnerDecider, partnerStream } from '../../domain/partner/index.js';
import { personDecider, personStream } from '../../domain/person/index.js';
import { domainError, type DomainError } from '../../domain/shared/index.js';
import type { UnitOfWork } from '../pipeline/index.js';

/** Whether the caller can see the item right now, judged on the write model (person, employer, certifications). */
const seesContent = async (uow: UnitOfWork, p: Caller, content: ContentState): Promise<boolean> => {
  if (p.kind !== 'person' || content.status !== 'published' || !content.audience) return false;
  const { state: person } = await uow.load(personDecider, personStream(p.personId));
  const employment = person.employment;
  const employer = employment ? (await uow.load(partnerDecider, partnerStream(employment.partnerId))).state : undefined;
  const viewer = contentViewerOf({
    hasVendorRole: Object.keys(person.vendorRoles).length > 0,
    certifications: person.certifications,
    ...(employment && employer
      ? {
          employer: {
            partnerId: employment.partnerId,
            role: employment.role,
            status: employer.status,
            tier: employer.tier,
            region: employer.region,
            type: employer.type,
          },
        }
      : {}),
  });
  return reachHolds(reachOf(viewer, content.audience), uow.now);
};

/**
 * Channel staff (vendor admins, channel managers) manage content. Anyone else gets 404 for an item
 * they cannot see (its existence is not revealed) and 403 for one they can.
 */
export const authorizeContentChange = async (
  uow: UnitOfWork,
  p: Caller,
  content: ContentState,
  action: string,
): Promise<E.Either<DomainError, ContentState>> => {
  if (content.status === 'none') return E.left(domainError('not_found', 'content not found'));
  if (isChannelStaff(p)) return E.right(content);
  return (await seesContent(uow, p, content))
    ? E.left(domainError('forbidden', `only vendor admins and channel managers ${action} content`))
    : E.left(domainError('not_found', 'content not found'));
};
