import { websiteDomain } from '../domain/partner/index.js';
import { canonicalEmail } from '../domain/person/index.js';
import type { Upcaster } from '../eventstore/eventRegistry.js';

/**
 * Upcasters for every event type whose schema changed, oldest first. An event stored at an older
 * schema version is brought to the current one on read; the stored bytes (and the hash chain)
 * never change. See the README's "Changing an event's schema".
 * Each one is pure, total over what its version's schema accepted, and derives what the new version
 * adds from what the old one held, with the same function the decider uses for new events.
 */
export const upcasters: readonly Upcaster[] = [
  {
    // v1 {partnerId, name, website, country, region, type, parentPartnerId?} -> v2 adds `domain`.
    type: 'PartnerApplied',
    fromVersion: 1,
    upcast: (data) => {
      const v1 = data as { website: string };
      return { ...v1, domain: websiteDomain(v1.website) };
    },
  },
  {
    // v1 {personId, name, email as typed} -> v2 {…, email in its canonical lower-case form}.
    type: 'PersonRegistered',
    fromVersion: 1,
    upcast: (data) => {
      const v1 = data as { email: string };
      return { ...v1, email: canonicalEmail(v1.email) };
    },
  },
];
