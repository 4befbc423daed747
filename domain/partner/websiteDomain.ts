import { getDomain, getHostname } from 'tldts';

/**
 * The partner's web domain, derived from its website: lower-case, subdomains folded to the registrable
 * domain (`https://www.shop.acme.co.uk/x` -> `acme.co.uk`); hosts without one (IPs, `localhost`) stay
 * as they are, without `www.`. Used by the decider (PartnerApplied v2) and by the v1 -> v2 upcaster.
 */
export const websiteDomain = (website: string): string => {
  const registrable = getDomain(website);
  if (registrable) return registrable.toLowerCase();
  const host = (getHostname(website) ?? website).toLowerCase();
  return host.startsWith('www.') ? host.slice(4) : host;
};
