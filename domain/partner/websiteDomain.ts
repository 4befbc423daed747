import { domainToASCII } from 'node:url';
import { parse } from 'tldts';

/**
 * The partner's web domain, derived from its website the way deal customers' domains are normalised:
 * lower-case, ASCII (punycode), subdomains folded to the registrable domain with the public suffix list
 * including private suffixes (`https://www.shop.acme.co.uk/x` -> `acme.co.uk`, `a.github.io` stays).
 * Hosts without one (IPs, `localhost`, unlisted suffixes) keep their host name, without `www.`.
 * Used by the decider (PartnerApplied v2) and by the v1 -> v2 upcaster.
 */
export const websiteDomain = (website: string): string => {
  const parsed = parse(website, { allowPrivateDomains: true });
  const host = (parsed.hostname ?? website).toLowerCase().replace(/\.$/, '');
  const ascii = (name: string) => domainToASCII(name) || name;
  if (parsed.domain && !parsed.isIp) return ascii(parsed.domain.toLowerCase());
  return ascii(host.startsWith('www.') ? host.slice(4) : host);
};
