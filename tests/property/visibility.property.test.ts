/**
 * Who sees what (DESIGN §4 audience, §5 access), end to end: for random histories of partners, people,
 * certifications and content driven through the HTTP API, with time passing, `GET /content` for each
 * person at each checked instant equals the audience rule evaluated directly on the state replayed
 * from the log with the deciders' evolve, at that instant (certifications that expired included);
 * `GET /content/:id/audience-members` is the same relation read the other way; and a rebuild of the
 * access projection alone gives tables equal to the incrementally built ones.
 */
import fc from 'fast-check';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { contentDecider, type Audience, type ContentEvent, type ContentState } from '../../domain/content/index.js';
import { partnerDecider, type PartnerEvent, type PartnerState } from '../../domain/partner/index.js';
import { personDecider, type PersonEvent, type PersonState } from '../../domain/person/index.js';
import { EmployeeRole, PartnerType, Tier } from '../../domain/shared/index.js';
import { at, maybe, str } from '../support/json.js';
import { must } from '../support/must.js';
import { startTestApp, type TestApp } from '../support/testApp.js';

const REGIONS = ['emea', 'apac'] as const;
const PARTNERS = 3;
const PEOPLE = 5;
const PROGRAMS = 2;
const HOUR = 3_600_000;

// ---- the rule, written out plainly over the replayed states (independent of the projection) ----

interface World {
  readonly partners: Map<string, PartnerState>;
  readonly people: Map<string, PersonState>;
  readonly contents: Map<string, ContentState>;
}

/** Folds the log into the world incrementally: each call reads only the events appended since the last. */
const replayer = (t: TestApp) => {
  const world: World = { partners: new Map(), people: new Map(), contents: new Map() };
  let after = 0;
  return async (): Promise<World> => {
    for await (const e of t.platform.store.readAll({ after })) {
      after = e.position;
      const id = e.streamId.slice(e.streamId.indexOf('-') + 1);
      if (e.streamId.startsWith('partner-'))
        world.partners.set(
          id,
          partnerDecider.evolve(world.partners.get(id) ?? partnerDecider.initialState, e as unknown as PartnerEvent),
        );
      else if (e.streamId.startsWith('person-'))
        world.people.set(
          id,
          personDecider.evolve(world.people.get(id) ?? personDecider.initialState, e as unknown as PersonEvent),
        );
      else if (e.streamId.startsWith('content-'))
        world.contents.set(
          id,
          contentDecider.evolve(world.contents.get(id) ?? contentDecider.initialState, e as unknown as ContentEvent),
        );
    }
    return world;
  };
};

/** Every list given contains the person; every required certification held, unrevoked, unexpired at `now`. */
const ruleSees = (w: World, personId: string, content: ContentState, now: Date): boolean => {
  if (content.status !== 'published') return false;
  const person = w.people.get(personId);
  if (!person) return false;
  if (Object.keys(person.vendorRoles).length > 0) return true;
  if (!person.employment) return false;
  const partner = w.partners.get(person.employment.partnerId);
  if (!partner || !['approved', 'active'].includes(partner.status)) return false;
  const a = content.audience as Audience;
  const has = (list: readonly string[] | undefined, v: string | undefined) =>
    !list || (v !== undefined && list.includes(v));
  return (
    has(a.tiers, partner.tier) &&
    has(a.regions, partner.region) &&
    has(a.partnerTypes, partner.type) &&
    has(a.roles, person.employment.role) &&
    has(a.partnerIds, person.employment.partnerId) &&
    (a.requiredPrograms ?? []).every((p) => {
      const c = person.certifications[p];
      return c !== undefined && !c.revoked && now.getTime() < Date.parse(c.expiresAt);
    })
  );
};

/**
 * The earliest expiry among the required certifications (null without any) for a partner person; null for
 * vendor staff.
 */
const expectedUntil = (w: World, personId: string, content: ContentState): string | null => {
  const person = must(w.people.get(personId), `person ${personId}`);
  if (Object.keys(person.vendorRoles).length > 0) return null;
  const expiries = (content.audience?.requiredPrograms ?? []).map((p) => person.certifications[p].expiresAt);
  return expiries.length ? expiries.reduce((a, b) => (Date.parse(a) <= Date.parse(b) ? a : b)) : null;
};

// ---- random histories ----

type Step =
  | { kind: 'join'; person: number; partner: number; role: string }
  | { kind: 'leave'; person: number }
  | { kind: 'role'; person: number; role: string }
  | { kind: 'vendor'; person: number; grant: boolean }
  | { kind: 'earn'; person: number; program: number; hoursAgo: number }
  | { kind: 'renew' | 'revoke'; pick: number }
  | { kind: 'tier'; partner: number; tier: string }
  | { kind: 'region'; partner: number; region: string }
  | { kind: 'suspend' | 'reinstate' | 'terminate'; partner: number }
  | { kind: 'publish'; audience: GenAudience }
  | { kind: 'audience'; content: number; audience: GenAudience }
  | { kind: 'retire'; content: number }
  | { kind: 'wait'; hours: number }
  | { kind: 'check' };

interface GenAudience {
  tiers?: string[];
  regions?: string[];
  partnerTypes?: string[];
  roles?: string[];
  requiredPrograms?: number[];
  partnerIds?: number[];
}
const nonEmpty = <T>(values: readonly T[]) => fc.subarray([...values], { minLength: 1 });
const audience: fc.Arbitrary<GenAudience> = fc
  .record(
    {
      tiers: nonEmpty(Tier.options),
      regions: nonEmpty(REGIONS),
      partnerTypes: nonEmpty(PartnerType.options),
      roles: nonEmpty(EmployeeRole.options),
      requiredPrograms: nonEmpty([0, 1]),
      partnerIds: nonEmpty([0, 1, 2]),
    },
    { requiredKeys: [] },
  )
  .filter((a) => Object.keys(a).length <= 2);
/** Items requiring both programs are what tell the earliest expiry from any other. */
const anyAudience = fc.oneof(
  { weight: 3, arbitrary: audience },
  { weight: 2, arbitrary: fc.record({ requiredPrograms: nonEmpty([0, 1]) }) },
  { weight: 1, arbitrary: fc.constant<GenAudience>({ requiredPrograms: [0, 1] }) },
);
const person = fc.nat({ max: PEOPLE - 1 });
const partner = fc.nat({ max: PARTNERS - 1 });
const program = fc.nat({ max: PROGRAMS - 1 });
const content = fc.nat({ max: 5 });
const step: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('join' as const),
      person,
      partner,
      role: fc.constantFrom(...EmployeeRole.options),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('leave' as const), person }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('role' as const),
      person,
      role: fc.constantFrom(...EmployeeRole.options),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('vendor' as const), person, grant: fc.boolean() }) },
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('earn' as const),
      person,
      program,
      hoursAgo: fc.integer({ min: 0, max: 60 }),
    }),
  },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('renew' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('revoke' as const), pick: fc.nat() }) },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('tier' as const), partner, tier: fc.constantFrom(...Tier.options) }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('region' as const), partner, region: fc.constantFrom(...REGIONS) }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constantFrom('suspend' as const, 'reinstate' as const, 'terminate' as const),
      partner,
    }),
  },
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('publish' as const), audience: anyAudience }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('audience' as const), content, audience: anyAudience }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('retire' as const), content }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('wait' as const), hours: fc.integer({ min: 1, max: 48 }) }) },
  { weight: 2, arbitrary: fc.constant({ kind: 'check' as const }) },
);
const scenario = fc.record({
  partners: fc.array(
    fc.record({
      region: fc.constantFrom(...REGIONS),
      type: fc.constantFrom(...PartnerType.options),
      tier: fc.constantFrom(...Tier.options),
      active: fc.boolean(),
    }),
    { minLength: PARTNERS, maxLength: PARTNERS },
  ),
  employers: fc.array(
    fc.record({
      partner: fc.option(partner, { nil: undefined, freq: 8 }),
      role: fc.constantFrom(...EmployeeRole.options),
    }),
    { minLength: PEOPLE, maxLength: PEOPLE },
  ),
  steps: fc.array(step, { minLength: 10, maxLength: 40, size: 'max' }),
});
type Scenario = typeof scenario extends fc.Arbitrary<infer S> ? S : never;

// ---- running a history through the API ----

interface Ids {
  partners: string[];
  people: string[];
  programs: string[];
  contents: string[];
  /** Certifications earned so far (person, program), for renewals and revocations to pick from. */
  earned: [string, string][];
}

const outcomes: Record<string, number> = {};
const ok = async (r: Promise<{ status: number; body: unknown }>, kind = 'setup') => {
  const res = await r;
  assert.ok(res.status < 500, `server error: ${JSON.stringify(res.body)}`);
  const key = `${kind} ${res.status}`;
  outcomes[key] = (outcomes[key] ?? 0) + 1;
  return res;
};

const setUp = async (t: TestApp, s: Scenario): Promise<Ids> => {
  const ids: Ids = { partners: [], people: [], programs: [], contents: [], earned: [] };
  for (const [i, p] of s.partners.entries()) {
    const r = await t.post('/partners', {
      name: `Partner ${i}`,
      website: `https://p${i}.example`,
      country: 'DE',
      region: p.region,
      type: p.type,
    });
    ids.partners.push(str(r.body, 'id'));
    await ok(t.post(`/partners/${at(r.body, 'id')}/approve`, { tier: p.tier }));
    if (p.active)
      await ok(t.post(`/partners/${at(r.body, 'id')}/agreements`, { agreementVersion: '1', signedBy: 'Jane Doe' }));
  }
  for (let i = 0; i < PEOPLE; i++) {
    const id = str((await t.post('/people', { name: `Person ${i}`, email: `p${i}@example.com` })).body, 'id');
    ids.people.push(id);
    const start = s.employers[i];
    if (start.partner !== undefined)
      await ok(t.post(`/partners/${ids.partners[start.partner]}/employees`, { personId: id, role: start.role }));
  }
  for (let i = 0; i < PROGRAMS; i++)
    ids.programs.push(
      str(
        (
          await t.post('/programs', {
            name: `Program ${i}`,
            productLine: 'storage',
            validForDays: 2 + 3 * i,
            points: 1,
          })
        ).body,
        'id',
      ),
    );
  return ids;
};

const toAudience = (a: GenAudience, ids: Ids) => ({
  ...a,
  ...(a.requiredPrograms ? { requiredPrograms: a.requiredPrograms.map((i) => ids.programs[i]) } : {}),
  ...(a.partnerIds ? { partnerIds: a.partnerIds.map((i) => ids.partners[i]) } : {}),
});

const run = async (t: TestApp, s: Step, ids: Ids, check: (full: boolean) => Promise<void>) => {
  const pid = 'person' in s ? ids.people[s.person] : '';
  const employer = async () =>
    maybe(at((await t.get(`/people/${pid}`)).body, 'employer'), 'partnerId') as string | undefined;
  switch (s.kind) {
    case 'join':
      return void (await ok(
        t.post(`/partners/${ids.partners[s.partner]}/employees`, { personId: pid, role: s.role }),
        s.kind,
      ));
    case 'leave': {
      const e = await employer();
      if (e) await ok(t.post(`/partners/${e}/employees/${pid}/leave`, {}), s.kind);
      return;
    }
    case 'role': {
      const e = await employer();
      if (e) await ok(t.post(`/partners/${e}/employees/${pid}/role`, { role: s.role }), s.kind);
      return;
    }
    case 'vendor':
      return void (await ok(
        s.grant
          ? t.post(`/people/${pid}/vendor-roles`, { role: 'analyst' })
          : t.post(`/people/${pid}/vendor-roles/analyst/revoke`, {}),
        s.kind,
      ));
    case 'earn': {
      const programId = ids.programs[s.program];
      const r = await ok(
        t.post(`/people/${pid}/certifications`, {
          programId,
          earnedAt: new Date(t.clock.now().getTime() - s.hoursAgo * HOUR).toISOString(),
        }),
        s.kind,
      );
      if (r.status === 200) ids.earned.push([pid, programId]);
      return;
    }
    case 'renew':
    case 'revoke': {
      if (ids.earned.length === 0) return;
      const [personId, programId] = ids.earned[s.pick % ids.earned.length];
      await ok(
        t.post(
          `/people/${personId}/certifications/${programId}/${s.kind}`,
          s.kind === 'revoke' ? { reason: 'audit' } : {},
        ),
        s.kind,
      );
      return;
    }
    case 'tier':
      return void (await ok(
        t.post(`/partners/${ids.partners[s.partner]}/tier`, { tier: s.tier, reason: 'review' }),
        s.kind,
      ));
    case 'region':
      return void (await ok(t.post(`/partners/${ids.partners[s.partner]}/region`, { region: s.region }), s.kind));
    case 'suspend':
    case 'terminate':
      return void (await ok(t.post(`/partners/${ids.partners[s.partner]}/${s.kind}`, { reason: 'review' }), s.kind));
    case 'reinstate':
      return void (await ok(t.post(`/partners/${ids.partners[s.partner]}/reinstate`, {}), s.kind));
    case 'publish': {
      const r = await ok(
        t.post('/content', {
          title: 'Item',
          kind: 'collateral',
          uri: 'https://cdn.example/x',
          audience: toAudience(s.audience, ids),
        }),
        s.kind,
      );
      assert.is(r.status, 201, JSON.stringify(r.body));
      ids.contents.push((r.body as { id: string }).id);
      return;
    }
    case 'audience': {
      const c = ids.contents[s.content % Math.max(1, ids.contents.length)];
      if (c) await ok(t.post(`/content/${c}/audience`, { audience: toAudience(s.audience, ids) }), s.kind);
      return;
    }
    case 'retire': {
      const c = ids.contents[s.content % Math.max(1, ids.contents.length)];
      if (c) await ok(t.post(`/content/${c}/retire`, {}), s.kind);
      return;
    }
    case 'wait':
      return t.clock.advance(s.hours * HOUR);
    case 'check':
      return check(true);
  }
};

const stats = { checks: 0, seen: 0, hidden: 0, expiredHidden: 0, bounded: 0 };

/**
 * Compares what each person's `GET /content` returns with the rule on the replayed state, now; a full
 * check also compares every item's audience members (the reverse index) and single-item reads.
 */
const checker = (t: TestApp, ids: Ids) => {
  const replay = replayer(t);
  return async (full: boolean) => {
    const now = t.clock.now();
    const w = await replay();
    stats.checks += 1;
    for (const personId of ids.people) {
      const r = await t.get('/content?limit=500', t.tokenFor(personId));
      assert.is(r.status, 200, JSON.stringify(r.body));
      const items = at(r.body, 'items') as { id: string; validUntil: string | null }[];
      const expected = ids.contents
        .filter((c) => ruleSees(w, personId, must(w.contents.get(c), `content ${c}`), now))
        .sort();
      assert.equal(items.map((i) => i.id).sort(), expected, `GET /content for ${personId} at ${now.toISOString()}`);
      stats.seen += expected.length;
      stats.hidden += ids.contents.length - expected.length;
      stats.bounded += items.filter((i) => i.validUntil !== null).length;
      const person = must(w.people.get(personId), `person ${personId}`);
      stats.expiredHidden += Object.values(person.certifications).some(
        (c) => !c.revoked && Date.parse(c.expiresAt) <= now.getTime(),
      )
        ? 1
        : 0;
      for (const item of items)
        assert.equal(
          item.validUntil,
          expectedUntil(w, personId, must(w.contents.get(item.id), `content ${item.id}`)),
          `validUntil of ${item.id} for ${personId}`,
        );
    }
    if (!full) return;
    for (const contentId of ids.contents) {
      const r = await t.get(`/content/${contentId}/audience-members?limit=500`);
      assert.is(r.status, 200);
      const actual = (at(r.body, 'items') as { personId: string }[]).map((m) => m.personId).sort();
      const expected = ids.people
        .filter((p) => ruleSees(w, p, must(w.contents.get(contentId), `content ${contentId}`), now))
        .sort();
      assert.equal(actual, expected, `audience members of ${contentId}`);
      for (const personId of ids.people) {
        // Vendor staff also read retired items one by one (README); everyone else exactly what the rule lets them see.
        const staff = Object.keys(must(w.people.get(personId), `person ${personId}`).vendorRoles).length > 0;
        const one = await t.get(`/content/${contentId}`, t.tokenFor(personId));
        assert.is(
          one.status,
          staff || expected.includes(personId) ? 200 : 404,
          `GET /content/${contentId} for ${personId}`,
        );
      }
    }
  };
};

const ACCESS_TABLES = {
  access_principals: 'person_id',
  access_partners: 'partner_id',
  access_certifications: 'person_id, program_id',
  access_contents: 'content_id',
  access_visible_content: 'person_id, content_id',
};
const snapshot = async (t: TestApp) => {
  const out: Record<string, unknown[]> = {};
  for (const [table, order] of Object.entries(ACCESS_TABLES))
    out[table] = await t.platform.writeDb.all(`SELECT * FROM ${table} ORDER BY ${order}`);
  return out;
};

const test = suite('property: who sees what');

test(
  'GET /content equals the audience rule on the replayed state at every checked instant; ' +
    'a rebuild equals the incremental model',
  async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async (s) => {
        const t = await startTestApp();
        try {
          const ids = await setUp(t, s);
          const check = checker(t, ids);
          for (const st of s.steps) {
            await run(t, st, ids, check);
            if (st.kind !== 'check') await check(false);
          }
          await check(true);
          const incremental = await snapshot(t);
          await t.platform.runner.rebuild(['access']);
          assert.equal(await snapshot(t), incremental, 'rebuilt access tables equal the incremental ones');
          await check(true);
        } finally {
          await t.dispose();
        }
      }),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 25) },
    );
    // The histories must exercise both outcomes and expiry, or the property says little.
    assert.ok(stats.seen > 0 && stats.hidden > 0, JSON.stringify(stats));
    assert.ok(stats.expiredHidden > 0, `no check saw an expired certification: ${JSON.stringify(stats)}`);
    if (process.env.PROPERTY_STATS) console.log(stats, outcomes);
  },
);

test.run();
