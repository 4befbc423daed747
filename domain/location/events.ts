import { z } from 'zod';
import { CountryCode, defineEvent, LocationId, Name, PersonId, Reason, type EventOf } from '../shared/index.js';

/** A partner's office, warehouse or branch; at most one is primary (a new primary demotes the old one). */
export const LocationOpened = defineEvent(
  'LocationOpened',
  z.object({ locationId: LocationId, name: Name, country: CountryCode, city: Name, primary: z.boolean() }),
);
export const LocationClosed = defineEvent(
  'LocationClosed',
  z.object({ locationId: LocationId, reason: Reason.optional() }),
);
/** An employee says where they work; the latest naming counts. */
export const EmployeeLocationNamed = defineEvent(
  'EmployeeLocationNamed',
  z.object({ personId: PersonId, locationId: LocationId }),
);
export const locationEvents = [LocationOpened, LocationClosed, EmployeeLocationNamed] as const;
export type LocationEvent = EventOf<typeof locationEvents>;
