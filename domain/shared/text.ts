import { z } from 'zod';

/*
 * Text is well-formed Unicode. A lone surrogate (`"\ud800"` in JSON) survives in an event's JSON but
 * not in a UTF-8 column, where it becomes U+FFFD: the view would differ from the event. Control
 * characters (C0, DEL, C1) have no place in names and references; free text keeps line breaks and tabs.
 */
const wellFormed = /^[^\uD800-\uDFFF]*$/u;
const noControl = /^\P{Cc}*$/u;
const noControlButLineBreaks = /^(?:\P{Cc}|[\t\n\r])*$/u;

/** True when `s` holds no lone surrogate (paired surrogates are one code point and pass). */
export const isWellFormedText = (s: string): boolean => wellFormed.test(s);

const notWellFormed = 'must be well-formed Unicode (no lone surrogate)';

/** One line of text, trimmed, 1 to `max` characters: no control character at all. */
export const singleLine = (max: number) =>
  z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(max, `at most ${max} characters`)
    .refine(isWellFormedText, notWellFormed)
    .refine((s) => noControl.test(s), 'must not contain control characters');

/** Free text, trimmed, 1 to `max` characters: line breaks and tabs allowed, other control characters not. */
export const multiLine = (max: number) =>
  z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(max, `at most ${max} characters`)
    .refine(isWellFormedText, notWellFormed)
    .refine(
      (s) => noControlButLineBreaks.test(s),
      'must not contain control characters other than line breaks and tabs',
    );

/** A short human name or title: one line, 1 to 200 characters. */
export const Name = singleLine(200);
/** A free-text reason or description: 1 to 2,000 characters, line breaks allowed. */
export const Reason = multiLine(2000);
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
/** An http(s) URL, as given: well-formed and without control characters (the URL parser would hide them). */
export const Url = z
  .string()
  .max(2048, 'at most 2048 characters')
  .refine(isWellFormedText, notWellFormed)
  .refine((s) => noControl.test(s), 'must not contain control characters')
  .pipe(z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }))
  .meta({ format: 'uri' });
