import { z } from 'zod';
import { CountryCode, LocationId, Name, PartnerId, PersonId, Reason } from '../../domain/shared/index.js';

export const LocationPartnerParams = z.strictObject({ id: PartnerId });
export const LocationParams = z.strictObject({ id: PartnerId, locationId: LocationId });
export const EmployeeParams = z.strictObject({ id: PartnerId, personId: PersonId });
export const OpenLocationBody = z.strictObject({
  name: Name,
  country: CountryCode,
  city: Name,
  primary: z.boolean().optional(),
});
export const CloseLocationBody = z.strictObject({ reason: Reason.optional() });
export const NameLocationBody = z.strictObject({ locationId: LocationId });
