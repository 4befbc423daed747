import { z } from 'zod';
import { ExternalId, ExternalSystem } from '../../domain/externalRef/index.js';
import { DealId, PartnerId, PersonId } from '../../domain/shared/index.js';

export const LinkBody = z.strictObject({ id: ExternalId });
export const UnlinkBody = z.strictObject({});
const params = <S extends z.ZodType>(id: S) => z.strictObject({ id, system: ExternalSystem });
export const PartnerRefParams = params(PartnerId);
export const PersonRefParams = params(PersonId);
export const DealRefParams = params(DealId);

/** `{system: id}` as a registration carries it: at most 10 systems. */
export const ExternalRefsInput = z
  .record(ExternalSystem, ExternalId)
  .refine((refs) => Object.keys(refs).length >= 1 && Object.keys(refs).length <= 10, 'between 1 and 10 systems');
