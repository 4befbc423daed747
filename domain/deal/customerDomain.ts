import { domainToASCII } from 'node:url';
import { parse } from 'tldts';
import { z } from 'zod';

/**
 * The customer of a deal, as a registrable domain: what makes two registrations "the same customer".
 * Case, scheme, credentials, port, path, `www.`, a trailing dot and every subdomain fold away
 * (`https://Sales.Acme.co.uk./x` -> `acme.co.uk`); an email address names its domain. The public
 * suffix list comes from `tldts` (maintained, ICANN and private sections), never a hand-kept list:
 * `acme.co.uk` and `acme.com` stay two customers, and so do `a.github.io` and `b.github.io`.
 * Internationalised names are stored in their ASCII (punycode) form.
 */
export type NormalisedDomain =
  | { readonly ok: true; readonly domain: string }
  | { readonly ok: false; readonly message: string };

const options = { allowPrivateDomains: true } as const;
// A DNS label: letters, digits and inner dashes; underscores are not allowed in host names.
const label = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;
const refuse = (message: string): NormalisedDomain => ({ ok: false, message });

export const normaliseCustomerDomain = (input: string): NormalisedDomain => {
  const raw = input.trim().toLowerCase();
  if (raw.length === 0) return refuse('must not be empty');
  if (raw.length > 2048) return refuse('at most 2048 characters');
  const first = parse(raw, options);
  if (first.isIp) return refuse('must be a domain name, not an IP address');
  if (!first.hostname) return refuse('not a valid domain name');
  const ascii = domainToASCII(first.hostname.replace(/\.$/, ''));
  if (!ascii || ascii.length > 253 || !ascii.split('.').every((l) => label.test(l)))
    return refuse('not a valid domain name');
  const parsed = parse(ascii, options);
  if (parsed.isIp) return refuse('must be a domain name, not an IP address');
  if (!parsed.isIcann && !parsed.isPrivate) return refuse(`unknown top-level domain .${parsed.publicSuffix ?? ascii}`);
  if (!parsed.domain) return refuse('a public suffix alone is not a customer domain');
  return { ok: true, domain: parsed.domain };
};

/** Input schema: any spelling of the customer's domain, normalised; refusals carry the field path. */
export const CustomerDomainInput = z
  .string()
  .max(2048, 'at most 2048 characters')
  .transform((s, ctx) => {
    const result = normaliseCustomerDomain(s);
    if (result.ok) return result.domain;
    ctx.addIssue({ code: 'custom', message: result.message });
    return z.NEVER;
  });

/** Event schema: a domain already in its normal form. */
export const CustomerDomain = z
  .string()
  .max(253)
  .refine((d) => {
    const result = normaliseCustomerDomain(d);
    return result.ok && result.domain === d;
  }, 'must be a normalised registrable domain');
