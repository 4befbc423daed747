import { z } from 'zod';
import { ApiClientRole } from '../../domain/apiClient/index.js';
import { ApiClientId, Name, Reason, Slug } from '../../domain/shared/index.js';

export const ApiClientParams = z.strictObject({ id: ApiClientId });
export const CreateApiClientBody = z.strictObject({
  name: Name,
  roles: z.array(ApiClientRole).min(1).max(6),
  /** Regions a channel manager client covers; absent means every region. */
  regions: z.array(Slug).min(1).max(100).optional(),
});
export const RotateApiClientKeyBody = z.strictObject({
  /** How long the previous key keeps working; default 0 (refused from now on), at most 30 days. */
  graceSeconds: z.number().int().min(0).default(0),
});
export const RevokeApiClientBody = z.strictObject({ reason: Reason.optional() });
