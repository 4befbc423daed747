/**
 * Who-sees-what at scale (issue 5): a channel of `people` partner people and `contents` content items
 * appended through the store (events from the real deciders), then the access projection caught up and
 * rebuilt alone, then p50/p99 of `GET /content` for random people and of
 * `GET /content/:id/audience-members` for random items, through fastify.inject, one at a time.
 * Half of the items are published before the people join, half after, so both the person-side and the
 * item-side evaluation of the projection run. Not wired by itself: bench/main.ts's owner adds it.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../app/buildApp.js';
import { nanoidGenerator } from '../app/nanoidGenerator.js';
import { createPlatform } from '../app/platform.js';
import { upcasters } from '../app/upcasters.js';
import { contentDecider, contentStream, type Audience } from '../domain/content/index.js';
import { eventDefinitions } from '../domain/index.js';
import { partnerDecider, partnerStream, type PartnerCommand } from '../domain/partner/index.js';
import { personDecider, personStream, type PersonCommand } from '../domain/person/index.js';
import { programDecider, programStream } from '../domain/program/index.js';
import { systemClock } from '../domain/shared/clock.js';
import { defaultProductLines, EmployeeRole, PartnerType, tiers, type Decider, type DomainCommand, type DomainEvent } from '../domain/shared/index.js';
import { createEventRegistry } from '../eventstore/eventRegistry.js';
import type { StreamAppend } from '../eventstore/port.js';
import { createSqliteEventStore } from '../eventstore/sqlite/createSqliteEventStore.js';
import { signToken } from '../http/jwt.js';
import { decidedStreams } from './fixtures/decidedStreams.js';
import { freshDatabase } from './fixtures/freshDatabase.js';
import { seededRandom, type SeededRandom } from './fixtures/seededRandom.js';
import type { BenchResult, Figure } from './harness/benchmark.js';
import { percentile, round, since } from './harness/stats.js';

export interface VisibilityBenchOptions {
  readonly people: number;
  readonly contents: number;
  /** A smoke run: a tenth of the people and items, few samples. */
  readonly quick: boolean;
  /** Where the SQLite file goes (a real disk); a fresh temp directory by default. */
  readonly dir?: string;
  readonly log?: (message: string) => void;
}

const DAY = 86_400_000;
const REGIONS = ['emea', 'amer', 'apac', 'latam', 'anz', 'mea'];

/** Mostly targeted audiences (a region and one more list), a few broadcast announcements. */
const audienceOf = (r: SeededRandom, programs: readonly string[], partners: readonly string[]): Audience => {
  const roll = r.next();
  if (roll < 0.015) return {};
  const some = <T>(values: readonly T[], max: number) => [...new Set(Array.from({ length: r.int(1, max) }, () => r.pick(values)))];
  const audience: Record<string, string[]> = {};
  if (roll < 0.05) audience.partnerIds = some(partners, 20);
  else audience.regions = some(REGIONS, 2);
  const second = r.next();
  if (second < 0.35) audience.tiers = some(tiers, 2);
  else if (second < 0.6) audience.roles = some(EmployeeRole.options, 2);
  else if (second < 0.75) audience.partnerTypes = some(PartnerType.options, 2);
  else if (second < 0.9) audience.requiredPrograms = some(programs, 2);
  return audience as Audience;
};

/** Appends the generated channel through the store, in large atomic batches. */
const generate = async (file: string, people: number, contents: number) => {
  const connection = await freshDatabase(file);
  const registry = createEventRegistry(eventDefinitions, upcasters);
  const store = createSqliteEventStore(connection, { clock: systemClock, validate: registry.validate, upcast: registry.upcast });
  const r = seededRandom(5);
  const streams = decidedStreams(registry.currentVersion);
  const now = Date.now();
  let pending: StreamAppend[] = [];
  const flush = async () => {
    if (pending.length) await store.appendMany(pending);
    pending = [];
  };
  const stage = async <C extends DomainCommand, E extends DomainEvent, S>(decider: Decider<C, E, S>, streamId: string, command: C, at = now) => {
    const decided = streams.decide(decider, streamId, command, new Date(at));
    const commandId = r.id('cmd');
    const metadata = { actor: { kind: 'admin-key' as const, id: 'admin' }, commandId, correlationId: commandId };
    pending.push({ streamId, expected: decided.version === 0 ? 'no_stream' : decided.version, events: decided.events.map((e) => ({ eventId: r.id('evt'), metadata, ...e })) });
    if (pending.length >= 5_000) await flush();
    return decided;
  };
  const partner = (id: string, command: PartnerCommand) => stage(partnerDecider, partnerStream(id), command);
  const person = (id: string, command: PersonCommand, at = now) => stage(personDecider, personStream(id), command, at);

  const programs: string[] = [];
  for (let i = 0; i < 20; i++) {
    const programId = r.id('prg');
    programs.push(programId);
    await stage(programDecider, programStream(programId), {
      type: 'DefineProgram', data: { programId, name: `Program ${i}`, productLine: r.pick(defaultProductLines), validForDays: 365, points: 10, productLines: defaultProductLines },
    });
  }
  const partners: string[] = [];
  const operating: string[] = [];
  for (let i = 0; i < Math.ceil(people / 20); i++) {
    const partnerId = r.id('ptr');
    partners.push(partnerId);
    await partner(partnerId, { type: 'ApplyPartner', data: { partnerId, name: `Partner ${i}`, website: `https://p${i}.example`, country: 'DE', region: r.pick(REGIONS), type: r.pick(PartnerType.options) } });
    await partner(partnerId, { type: 'ApprovePartner', data: { tier: r.pick(tiers) } });
    await partner(partnerId, { type: 'SignAgreement', data: { agreementVersion: '2026.1', signedBy: 'Jane Doe' } });
    if (r.chance(0.04)) await partner(partnerId, { type: 'SuspendPartner', data: { reason: 'compliance' } });
    else operating.push(partnerId);
  }
  const contentIds: string[] = [];
  const publish = async (n: number) => {
    for (let i = 0; i < n; i++) {
      const contentId = r.id('cnt');
      contentIds.push(contentId);
      const audience = audienceOf(r, programs, partners);
      await stage(contentDecider, contentStream(contentId), {
        type: 'PublishContent',
        data: { contentId, title: `Item ${contentIds.length}`, kind: 'collateral', uri: `https://cdn.example/${contentId}.pdf`, audience,
          programStatuses: Object.fromEntries(programs.map((p) => [p, 'active'])), partnerStatuses: Object.fromEntries(partners.map((p) => [p, 'active'])) },
      });
    }
  };
  await publish(Math.floor(contents / 2));
  for (let i = 0; i < 10; i++) {
    const personId = r.id('per');
    await person(personId, { type: 'RegisterPerson', data: { personId, name: `Staff ${i}`, email: `staff${i}@vendor.example` } });
    await person(personId, { type: 'GrantVendorRole', data: { role: i % 2 ? 'analyst' : 'channel_manager' } });
  }
  for (let i = 0; i < people; i++) {
    const personId = r.id('per');
    await person(personId, { type: 'RegisterPerson', data: { personId, name: `Person ${i}`, email: `person${i}@partner.example` } });
    await person(personId, { type: 'JoinPartner', data: { partnerId: r.pick(operating), role: r.pick(EmployeeRole.options), partnerStatus: 'active' } });
    for (const programId of new Set(Array.from({ length: r.int(0, 3) }, () => r.pick(programs)))) {
      const earnedAt = now - r.int(1, 500) * DAY; // some have expired by now
      await person(personId, { type: 'EarnCertification', data: { programId, earnedAt: new Date(earnedAt).toISOString(), validForDays: 365, programStatus: 'active' } }, earnedAt + 1000);
    }
    streams.forget(personStream(personId));
  }
  await publish(contents - Math.floor(contents / 2));
  await flush();
  const events = await store.headPosition();
  await store.close();
  connection.db.close();
  return { events, contentIds };
};

const measure = async (app: FastifyInstance, requests: readonly { url: string; token: string }[]) => {
  const latencies: number[] = [];
  for (const { url, token } of requests) {
    const start = performance.now();
    const res = await app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
    latencies.push(since(start));
    if (res.statusCode !== 200) throw new Error(`GET ${url} answered ${res.statusCode}: ${res.body.slice(0, 200)}`);
  }
  return latencies;
};

export const runVisibilityBench = async (options: VisibilityBenchOptions): Promise<BenchResult> => {
  const log = options.log ?? (() => undefined);
  const people = options.quick ? Math.ceil(options.people / 10) : options.people;
  const contents = options.quick ? Math.ceil(options.contents / 10) : options.contents;
  const samples = options.quick ? 100 : 2000;
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'prm-visibility-'));
  const file = join(dir, 'prm.db');

  let start = performance.now();
  const { events, contentIds } = await generate(file, people, contents);
  log(`visibility: ${events} events (${people} people, ${contents} items) generated in ${(since(start) / 1000).toFixed(1)} s`);
  start = performance.now();
  // Policies stay off: they would turn the generated certifications into points commands, not visibility work.
  const platform = await createPlatform({ databaseFile: file, clock: systemClock, ids: nanoidGenerator, startProjections: true, startPolicies: false });
  const catchUpSeconds = since(start) / 1000;
  start = performance.now();
  await platform.runner.rebuild(['access']);
  const rebuildSeconds = since(start) / 1000;
  const rows = Number((await platform.reader.get<{ n: number }>('SELECT COUNT(*) AS n FROM access_visible_content'))?.n ?? 0);
  log(`visibility: all projections caught up in ${catchUpSeconds.toFixed(1)} s, access rebuilt in ${rebuildSeconds.toFixed(1)} s, ${rows} visibility rows`);

  const adminKey = randomBytes(24).toString('base64url');
  const jwtSecret = randomBytes(32).toString('base64url');
  const app = await buildApp(platform, { adminKey, jwtSecret, logLevel: 'silent' });
  try {
    const r = seededRandom(11);
    const partnerPeople = (await platform.reader.all<{ person_id: string }>('SELECT person_id FROM access_principals WHERE partner_id IS NOT NULL')).map((p) => p.person_id);
    const iat = Math.floor(Date.now() / 1000);
    const asPerson = () => ({ url: '/content?limit=50', token: signToken(jwtSecret, { sub: r.pick(partnerPeople), iat, exp: iat + 3600 }) });
    const members = () => ({ url: `/content/${r.pick(contentIds)}/audience-members?limit=50`, token: adminKey });
    await measure(app, Array.from({ length: Math.ceil(samples / 10) }, () => asPerson()));
    await measure(app, Array.from({ length: Math.ceil(samples / 10) }, () => members()));
    const list = await measure(app, Array.from({ length: samples }, asPerson));
    const audience = await measure(app, Array.from({ length: samples }, members));
    const target = { op: '<' as const, value: 10 };
    const figures: Figure[] = [
      { key: 'contentListP50Ms', label: 'GET /content (a partner person) p50', value: round(percentile(list, 50)), unit: 'ms' },
      { key: 'contentListP99Ms', label: 'GET /content (a partner person) p99', value: round(percentile(list, 99)), unit: 'ms', target },
      { key: 'audienceMembersP50Ms', label: 'GET /content/:id/audience-members p50', value: round(percentile(audience, 50)), unit: 'ms' },
      { key: 'audienceMembersP99Ms', label: 'GET /content/:id/audience-members p99', value: round(percentile(audience, 99)), unit: 'ms', target },
      { key: 'accessRebuildSeconds', label: 'access projection rebuilt alone', value: round(rebuildSeconds, 1), unit: 's' },
    ];
    return { figures, details: { people, contents, events, visibilityRows: rows, samples, catchUpSeconds: round(catchUpSeconds, 1) } };
  } finally {
    await app.close();
    await platform.close();
  }
};
