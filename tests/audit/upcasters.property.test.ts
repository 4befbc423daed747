/**
 * The upcasters are total and faithful (fast-check): every body the v1 schema accepted becomes a body
 * the current schema accepts, equal to what today's decider would have recorded from the same input.
 */
import fc from 'fast-check';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { z } from 'zod';
import { upcasters } from '../../app/upcasters.js';
import { eventDefinitions } from '../../domain/index.js';
import { partnerDecider, websiteDomain } from '../../domain/partner/index.js';
import { personDecider } from '../../domain/person/index.js';
import { CountryCode, Email, Name, PartnerType, Slug, Url } from '../../domain/shared/index.js';
import { createEventRegistry } from '../../eventstore/eventRegistry.js';
import type { StoredEvent } from '../../eventstore/port.js';
import * as E from 'fp-ts/lib/Either.js';

const registry = createEventRegistry(eventDefinitions, upcasters);
const upcast = (type: string, data: unknown) => registry.upcast({ type, schemaVersion: 1, data } as StoredEvent);

// The v1 schemas, as they were before the bump (kept here: the log still holds such bodies).
const PartnerAppliedV1 = z.object({
  partnerId: z.string(),
  name: Name,
  website: Url,
  country: CountryCode,
  region: Slug,
  type: PartnerType,
  parentPartnerId: z.string().optional(),
});
const PersonRegisteredV1 = z.object({ personId: z.string(), name: Name, email: Email });

const randomCase = (s: string, flips: boolean[]) =>
  [...s].map((c, i) => (flips[i % flips.length] ? c.toUpperCase() : c)).join('');

const test = suite('upcasters');

test('PartnerApplied v1 -> v2: valid, and the domain the decider derives for new applications', () => {
  fc.assert(
    fc.property(
      fc.webUrl({ validSchemes: ['http', 'https'] }),
      fc.array(fc.boolean(), { minLength: 1, maxLength: 8 }),
      fc.constantFrom('reseller', 'msp', 'referral', 'distributor'),
      (url, flips, type) => {
        const v1 = {
          partnerId: 'ptr_prop000001',
          name: 'Acme',
          website: randomCase(url, flips),
          country: 'DE',
          region: 'emea',
          type,
        };
        fc.pre(PartnerAppliedV1.safeParse(v1).success);
        const current = upcast('PartnerApplied', v1);
        assert.is(current.schemaVersion, 2);
        registry.validate('PartnerApplied', 2, current.data);
        const decided = partnerDecider.decide(
          { type: 'ApplyPartner', data: v1 as never },
          partnerDecider.initialState,
          new Date(),
        );
        assert.ok(E.isRight(decided));
        assert.equal(current.data, decided.right[0].data);
        assert.is((current.data as { domain: string }).domain, websiteDomain(v1.website));
      },
    ),
    { numRuns: 300 },
  );
});

test('PersonRegistered v1 -> v2: valid, canonical, idempotent, and what the decider records', () => {
  fc.assert(
    fc.property(fc.emailAddress(), fc.array(fc.boolean(), { minLength: 1, maxLength: 8 }), (email, flips) => {
      const v1 = { personId: 'per_prop000001', name: 'Pat', email: randomCase(email, flips) };
      fc.pre(PersonRegisteredV1.safeParse(v1).success);
      const current = upcast('PersonRegistered', v1);
      registry.validate('PersonRegistered', 2, current.data);
      const data = current.data as { email: string };
      assert.is(data.email, data.email.toLowerCase());
      assert.is(data.email.toLowerCase(), v1.email.trim().toLowerCase());
      const decided = personDecider.decide(
        { type: 'RegisterPerson', data: v1 },
        personDecider.initialState,
        new Date(),
      );
      assert.ok(E.isRight(decided));
      assert.equal(current.data, decided.right[0].data);
    }),
    { numRuns: 300 },
  );
});

test('current events pass through unchanged; every upcaster targets a type whose version it precedes', () => {
  const v2 = { personId: 'per_prop000001', name: 'Pat', email: 'pat@acme.example' };
  assert.equal(registry.upcast({ type: 'PersonRegistered', schemaVersion: 2, data: v2 } as StoredEvent).data, v2);
  for (const u of upcasters) assert.ok(u.fromVersion < registry.currentVersion(u.type), `${u.type}@${u.fromVersion}`);
});

test.run();
