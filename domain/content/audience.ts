import { z } from 'zod';
import { EmployeeRole, PartnerId, PartnerType, ProgramId, Slug, Tier } from '../shared/index.js';

const unique = (values: readonly string[]) => new Set(values).size === values.length;
/** One audience list: optional, but never empty when given (an empty list would reach nobody by accident). */
const list = <T extends z.ZodType<string>>(item: T, max: number) =>
  z
    .array(item)
    .min(1, 'must not be empty when given')
    .max(max, `at most ${max} values`)
    .refine(unique, 'values must be unique');

const audienceShape = {
  tiers: list(Tier, 4).optional(),
  regions: list(Slug, 100).optional(),
  partnerTypes: list(PartnerType, 4).optional(),
  roles: list(EmployeeRole, 5).optional(),
  requiredPrograms: list(ProgramId, 20).optional(),
  partnerIds: list(PartnerId, 500).optional(),
};

/**
 * Who a content item is for (DESIGN §4): every list given must contain the person (any-of within a
 * list, all-of across lists); `requiredPrograms` must all be held and valid. No list: every partner person.
 */
export const Audience = z.object(audienceShape);
/** The same, refusing unknown fields (request bodies). */
export const AudienceBody = z.strictObject(audienceShape);
export type Audience = z.infer<typeof Audience>;

export const audienceKeys = ['tiers', 'regions', 'partnerTypes', 'roles', 'requiredPrograms', 'partnerIds'] as const;

/** The audience with every list sorted and absent lists dropped: equal audiences compare equal. */
export const canonicalAudience = (a: Audience): Audience => {
  const out: Record<string, string[]> = {};
  for (const key of audienceKeys) {
    const values = a[key];
    if (values !== undefined) out[key] = [...values].sort();
  }
  return out as Audience;
};

export const sameAudience = (a: Audience, b: Audience): boolean =>
  JSON.stringify(canonicalAudience(a)) === JSON.stringify(canonicalAudience(b));
