import { z } from 'zod';

/** A short human name or title: trimmed, 1 to 200 characters. */
export const Name = z.string().trim().min(1, 'must not be empty').max(200, 'at most 200 characters');
/** A free-text reason or description: 1 to 2,000 characters. */
export const Reason = z.string().trim().min(1, 'must not be empty').max(2000, 'at most 2000 characters');
/** A lower-case slug such as a region (`emea`, `north-america`) or product line. */
export const Slug = z
  .string()
  .max(64, 'at most 64 characters')
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be a lower-case slug (a-z, 0-9, dashes)');
export const Email = z
  .string()
  .trim()
  .max(254, 'at most 254 characters')
  .pipe(z.email('must be an email address'))
  .meta({ format: 'email' });
export const Url = z
  .string()
  .max(2048, 'at most 2048 characters')
  .pipe(z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }))
  .meta({ format: 'uri' });
