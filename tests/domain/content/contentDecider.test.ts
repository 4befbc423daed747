/**
 * Content (DESIGN §4): ContentPublished, ContentAudienceChanged, ContentRetired. Every transition and
 * refusal, and the audience schema (lists non-empty when given, values validated, unknown fields refused).
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import {
  AudienceBody,
  ContentAudienceChanged,
  contentDecider,
  ContentPublished,
  ContentRetired,
  type AudienceFacts,
} from '../../../domain/content/index.js';
import { spec } from '../../support/deciderSpec.js';

const contentId = 'cnt_pricelist01';
const item = {
  contentId,
  title: 'Gold price list 2026',
  kind: 'price_list' as const,
  uri: 'https://cdn.example/prices.pdf',
};
const known: AudienceFacts = {
  programStatuses: { prg_storage001: 'active', prg_legacy0001: 'retired' },
  partnerStatuses: { ptr_acme00001: 'active' },
};
const published = ContentPublished.create({ ...item, audience: { tiers: ['gold', 'platinum'] } });
const content = spec(contentDecider);

const test = suite('content decider');

test('an item is published to an audience', () => {
  const state = content
    .given([])
    .when({ type: 'PublishContent', data: { ...item, audience: { tiers: ['gold', 'platinum'] }, ...known } })
    .thenEmits([published]);
  assert.equal(state, { status: 'published', ...item, audience: { tiers: ['gold', 'platinum'] } });
});

test('the facts about programs and partners are not recorded in the event', () => {
  const audience = { requiredPrograms: ['prg_storage001'], partnerIds: ['ptr_acme00001'], roles: ['sales' as const] };
  content
    .given([])
    .when({ type: 'PublishContent', data: { ...item, audience, ...known } })
    .thenEmits([ContentPublished.create({ ...item, audience })]);
});

test('an empty audience (every partner person) is allowed', () => {
  content
    .given([])
    .when({ type: 'PublishContent', data: { ...item, audience: {}, ...known } })
    .thenEmits([ContentPublished.create({ ...item, audience: {} })]);
});

test('a retired program may still be required: certifications already earned stay valid', () => {
  const audience = { requiredPrograms: ['prg_legacy0001'] };
  content
    .given([])
    .when({ type: 'PublishContent', data: { ...item, audience, ...known } })
    .thenEmits([ContentPublished.create({ ...item, audience })]);
});

test('an audience naming unknown programs or partners is refused, naming each field', () => {
  const error = content
    .given([])
    .when({
      type: 'PublishContent',
      data: {
        ...item,
        audience: {
          requiredPrograms: ['prg_storage001', 'prg_nowhere001'],
          partnerIds: ['ptr_ghost00001', 'ptr_acme00001'],
        },
        ...known,
      },
    })
    .thenFails('validation_failed', 'unknown programs or partners');
  assert.equal(
    error.errors?.map((e) => e.path),
    ['audience.requiredPrograms[1]', 'audience.partnerIds[0]'],
  );
});

test('an item cannot be published twice', () => {
  content
    .given([published])
    .when({ type: 'PublishContent', data: { ...item, audience: {}, ...known } })
    .thenFails('duplicate', 'already exists');
});

test('the audience of a published item changes', () => {
  const state = content
    .given([published])
    .when({ type: 'ChangeAudience', data: { audience: { regions: ['emea'] }, ...known } })
    .thenEmits([ContentAudienceChanged.create({ audience: { regions: ['emea'] } })]);
  assert.equal(state.audience, { regions: ['emea'] });
  assert.is(state.title, item.title);
});

test('changing to the same audience (in any order) is refused', () => {
  content
    .given([published])
    .when({ type: 'ChangeAudience', data: { audience: { tiers: ['platinum', 'gold'] }, ...known } })
    .thenFails('invalid_state', 'already has this audience');
});

test('changing the audience to unknown partners is refused', () => {
  const error = content
    .given([published])
    .when({ type: 'ChangeAudience', data: { audience: { partnerIds: ['ptr_ghost00001'] }, ...known } })
    .thenFails('validation_failed');
  assert.equal(
    error.errors?.map((e) => e.path),
    ['audience.partnerIds[0]'],
  );
});

test('the audience of an unknown item: not found; of a retired one: refused', () => {
  content
    .given([])
    .when({ type: 'ChangeAudience', data: { audience: {}, ...known } })
    .thenFails('not_found', 'content not found');
  content
    .given([published, ContentRetired.create({})])
    .when({ type: 'ChangeAudience', data: { audience: {}, ...known } })
    .thenFails('invalid_state', 'retired');
});

test('a published item is retired, once', () => {
  const state = content
    .given([published])
    .when({ type: 'RetireContent', data: {} })
    .thenEmits([ContentRetired.create({})]);
  assert.is(state.status, 'retired');
  content
    .given([published, ContentRetired.create({})])
    .when({ type: 'RetireContent', data: {} })
    .thenFails('invalid_state', 'already retired');
  content.given([]).when({ type: 'RetireContent', data: {} }).thenFails('not_found');
});

test('audience lists: non-empty when given, unique, validated values, no unknown fields', () => {
  const paths = (value: unknown) => {
    const r = AudienceBody.safeParse(value);
    return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}`);
  };
  assert.equal(paths({}), []);
  assert.equal(
    paths({
      tiers: ['gold'],
      regions: ['emea', 'north-america'],
      partnerTypes: ['msp'],
      roles: ['sales'],
      requiredPrograms: ['prg_storage001'],
      partnerIds: ['ptr_acme00001'],
    }),
    [],
  );
  assert.equal(paths({ tiers: [] }), ['tiers']);
  assert.equal(paths({ tiers: ['diamond'] }), ['tiers.0']);
  assert.equal(paths({ regions: ['EMEA'] }), ['regions.0']);
  assert.equal(paths({ partnerTypes: ['vendor'] }), ['partnerTypes.0']);
  assert.equal(paths({ roles: ['auditor'] }), ['roles.0']);
  assert.equal(paths({ requiredPrograms: ['ptr_acme00001'] }), ['requiredPrograms.0']);
  assert.equal(paths({ partnerIds: ['per_ada000001'] }), ['partnerIds.0']);
  assert.equal(paths({ roles: ['sales', 'sales'] }), ['roles']);
  assert.equal(paths({ tiers: ['gold'], everyone: true }), ['']);
  assert.equal(paths({ regions: 'emea' }), ['regions']);
});

test.run();
