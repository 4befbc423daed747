import { z } from 'zod';
import { defineEvent, type EventOf } from '../shared/index.js';

/** What carries external references: partners, people and deal registrations. */
export const OwnerKind = z.enum(['partner', 'person', 'deal']);
export type OwnerKind = z.infer<typeof OwnerKind>;

/** The external system, e.g. `salesforce`, `hubspot-emea`: lower case, digits, `_` and `-`. */
export const ExternalSystem = z
  .string()
  .regex(/^[a-z][a-z0-9_-]{0,39}$/, 'must be a system name: a-z first, then a-z, 0-9, _ or -, at most 40');
/** The thing's id in that system, exactly as it spells it (CRM ids are case-sensitive). */
export const ExternalId = z
  .string()
  .min(1, 'must not be empty')
  .max(200, 'at most 200 characters')
  .regex(/^[\x21-\x7e]+$/, 'visible ASCII characters, no spaces');

const Ref = z.object({
  ownerKind: OwnerKind,
  ownerId: z.string().min(1).max(100),
  system: ExternalSystem,
  externalId: ExternalId,
});

/** On the owner's references stream: the owner is known by `externalId` in `system`. */
export const ExternalRefLinked = defineEvent('ExternalRefLinked', Ref);
export const ExternalRefUnlinked = defineEvent('ExternalRefUnlinked', Ref);
/** On the reservation stream of (kind, system, externalId): who holds that id. */
export const ExternalRefReserved = defineEvent('ExternalRefReserved', Ref);
export const ExternalRefReleased = defineEvent('ExternalRefReleased', Ref);

export const externalRefEvents = [ExternalRefLinked, ExternalRefUnlinked] as const;
export const externalRefReservationEvents = [ExternalRefReserved, ExternalRefReleased] as const;
export type ExternalRefEvent = EventOf<typeof externalRefEvents>;
export type ExternalRefReservationEvent = EventOf<typeof externalRefReservationEvents>;
export type ExternalRef = z.infer<typeof Ref>;
