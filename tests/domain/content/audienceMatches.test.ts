/**
 * The audience rule (DESIGN §4): any-of within a list, all-of across lists, required programs all
 * held, not revoked and unexpired; the reach ends at the earliest expiry among them.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import {
  audienceMatches,
  audienceReach,
  contentViewerOf,
  reachOf,
  type AudienceCandidate,
} from '../../../domain/content/index.js';

const now = new Date('2026-06-01T00:00:00.000Z');
const ann: AudienceCandidate = {
  partnerId: 'ptr_acme00001',
  tier: 'gold',
  region: 'emea',
  partnerType: 'reseller',
  role: 'sales',
  certifications: {
    prg_storage001: { expiresAt: '2026-09-01T00:00:00.000Z', revoked: false },
    prg_network001: { expiresAt: '2026-07-01T00:00:00.000Z', revoked: false },
    prg_revoked001: { expiresAt: '2027-01-01T00:00:00.000Z', revoked: true },
    prg_expired001: { expiresAt: '2026-05-01T00:00:00.000Z', revoked: false },
  },
};

const test = suite('audience rule');

test('no list: everyone, without end', () => {
  assert.equal(audienceReach({}, ann), { validUntil: null });
  assert.ok(audienceMatches({}, ann, now));
});

test('any-of within a list', () => {
  assert.ok(audienceMatches({ tiers: ['silver', 'gold'] }, ann, now));
  assert.not.ok(audienceMatches({ tiers: ['silver', 'platinum'] }, ann, now));
  assert.ok(audienceMatches({ regions: ['apac', 'emea'] }, ann, now));
  assert.ok(audienceMatches({ partnerTypes: ['reseller'] }, ann, now));
  assert.not.ok(audienceMatches({ partnerTypes: ['msp', 'distributor'] }, ann, now));
  assert.ok(audienceMatches({ roles: ['manager', 'sales'] }, ann, now));
  assert.not.ok(audienceMatches({ roles: ['admin'] }, ann, now));
  assert.ok(audienceMatches({ partnerIds: ['ptr_other0001', 'ptr_acme00001'] }, ann, now));
  assert.not.ok(audienceMatches({ partnerIds: ['ptr_other0001'] }, ann, now));
});

test('all-of across lists: one failing list excludes', () => {
  assert.ok(
    audienceMatches(
      {
        tiers: ['gold'],
        regions: ['emea'],
        roles: ['sales'],
        partnerTypes: ['reseller'],
        partnerIds: ['ptr_acme00001'],
      },
      ann,
      now,
    ),
  );
  assert.not.ok(audienceMatches({ tiers: ['gold'], regions: ['apac'] }, ann, now));
  assert.not.ok(audienceMatches({ tiers: ['gold'], regions: ['emea'], roles: ['technical'] }, ann, now));
});

test('a partner without a tier (or region, type) is outside any list of that dimension', () => {
  const untiered: AudienceCandidate = { partnerId: 'ptr_acme00001', role: 'sales', certifications: {} };
  assert.not.ok(audienceMatches({ tiers: ['registered', 'silver', 'gold', 'platinum'] }, untiered, now));
  assert.not.ok(audienceMatches({ regions: ['emea'] }, untiered, now));
  assert.ok(audienceMatches({ roles: ['sales'] }, untiered, now));
});

test('required programs: all held; the reach ends at the earliest expiry', () => {
  assert.equal(audienceReach({ requiredPrograms: ['prg_storage001'] }, ann), {
    validUntil: '2026-09-01T00:00:00.000Z',
  });
  assert.equal(audienceReach({ requiredPrograms: ['prg_storage001', 'prg_network001'] }, ann), {
    validUntil: '2026-07-01T00:00:00.000Z',
  });
  assert.is(audienceReach({ requiredPrograms: ['prg_storage001', 'prg_missing001'] }, ann), undefined);
});

test('a revoked certification never counts; an expired one stops counting at its expiry instant', () => {
  assert.is(audienceReach({ requiredPrograms: ['prg_revoked001'] }, ann), undefined);
  assert.equal(audienceReach({ requiredPrograms: ['prg_expired001'] }, ann), {
    validUntil: '2026-05-01T00:00:00.000Z',
  });
  assert.not.ok(audienceMatches({ requiredPrograms: ['prg_expired001'] }, ann, now));
  const audience = { requiredPrograms: ['prg_network001'] };
  assert.ok(audienceMatches(audience, ann, new Date('2026-06-30T23:59:59.999Z')));
  assert.not.ok(audienceMatches(audience, ann, new Date('2026-07-01T00:00:00.000Z')));
});

test("who sees content at all: vendor staff everything, operating partners' people by audience, others nothing", () => {
  const audience = { tiers: ['platinum' as const] };
  assert.equal(reachOf(contentViewerOf({ hasVendorRole: true, certifications: {} }), audience), { validUntil: null });
  const employee = (status: string) =>
    contentViewerOf({
      hasVendorRole: false,
      certifications: {},
      employer: { partnerId: 'ptr_acme00001', role: 'sales', status, tier: 'platinum', region: 'emea', type: 'msp' },
    });
  assert.equal(reachOf(employee('active'), audience), { validUntil: null });
  assert.equal(reachOf(employee('approved'), audience), { validUntil: null });
  for (const status of ['suspended', 'terminated', 'rejected', 'applied'])
    assert.is(reachOf(employee(status), audience), undefined, status);
  assert.is(reachOf(contentViewerOf({ hasVendorRole: false, certifications: {} }), {}), undefined);
});

test.run();
