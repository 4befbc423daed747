import { z } from 'zod';
import { defineEvent, Name, ProgramId, Slug, type EventOf } from '../shared/index.js';

export const ProgramDefined = defineEvent(
  'ProgramDefined',
  z.object({
    programId: ProgramId,
    name: Name,
    productLine: Slug,
    validForDays: z.number().int().min(1).max(3650),
    points: z.number().int().min(0).max(1_000_000),
  }),
);
export const ProgramRetired = defineEvent('ProgramRetired', z.object({}));

export const programEvents = [ProgramDefined, ProgramRetired] as const;
export type ProgramEvent = EventOf<typeof programEvents>;
