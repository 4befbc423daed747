import { z } from 'zod';
import { Name, ProgramId, Slug } from '../../domain/shared/index.js';

export const ProgramParams = z.strictObject({ id: ProgramId });
export const DefineProgramBody = z.strictObject({
  name: Name,
  productLine: Slug,
  validForDays: z.number().int().min(1).max(3650),
  points: z.number().int().min(0).max(1_000_000),
});
export const RetireProgramBody = z.strictObject({});
