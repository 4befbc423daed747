/**
 * The leads dashboard on a seeded channel reads pre-aggregated totals and pages partners in the
 * database: its figures must equal those summed from every (period, region, partner) fact and every
 * accepted offer, as the dashboard computed them before (for the whole channel and for a regional
 * channel manager), and its pages, walked by cursor, must hold every partner once, in id order.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { buildApp } from '../../app/buildApp.js';
import { previousPeriod, periodOf } from '../../domain/shared/index.js';
import { signToken } from '../../http/jwt.js';
import { loadPrincipal } from '../../projections/index.js';
import { countKeys, leadFigures, median, noCounts } from '../../read-api/lead/leadFigures.js';
import {
  acceptances,
  everyFact,
  leadFactScope,
  leadTotals,
  previousOf,
  type FactScope,
} from '../../read-api/lead/leadFacts.js';
import { seededStore } from '../seed/seededStore.js';
import { ADMIN_KEY, JWT_SECRET } from '../support/testApp.js';
import { at, list, maybe } from '../support/json.js';

type Seeded = Awaited<ReturnType<typeof seededStore>>;
const test = suite<{ s: Seeded; get: (url: string, token?: string) => Promise<unknown>; manager: string }>(
  'leads dashboard on a seeded channel',
);
const until = new Date().toISOString().slice(0, 10);

test.before(async (ctx) => {
  ctx.s = await seededStore({ partners: 24, seed: 15, until });
  await ctx.s.platform.runner.waitFor(await ctx.s.platform.store.headPosition());
  const app = await buildApp(ctx.s.platform, { adminKey: ADMIN_KEY, jwtSecret: JWT_SECRET, logLevel: 'silent' });
  ctx.get = async (url, token = ADMIN_KEY) => {
    const res = await app.inject({ url, headers: { authorization: `Bearer ${token}` } });
    assert.is(res.statusCode, 200, `GET ${url}: ${res.body}`);
    return res.json<unknown>();
  };
  [ctx.manager] = Object.values(ctx.s.report.channelManagers).flat();
});
test.after(async (ctx) => ctx.s?.dispose());

/** The figures as the dashboard summed them from every fact in scope, before its totals existed. */
const reference = async (s: Seeded, scope: FactScope, period: string) => {
  const db = s.platform.reader;
  const [rows, accepted] = await Promise.all([leadTotals(db, scope, period), acceptances(db, scope, period)]);
  const groups = new Map<string, { counts: ReturnType<typeof noCounts>; previous: ReturnType<typeof previousOf> }>();
  const seconds = new Map<string, number[]>();
  const into = (key: string) => {
    const g = groups.get(key) ?? {
      counts: noCounts(),
      previous: { converted: 0, declined: 0, lapsed: 0, disqualified: 0 },
    };
    groups.set(key, g);
    return g;
  };
  for (const r of rows)
    for (const key of ['channel', `region:${r.region}`, ...(r.partner_id ? [`partner:${r.partner_id}`] : [])]) {
      const g = into(key);
      for (const k of countKeys) g.counts[k] += Number(r[k]);
      const p = previousOf(r);
      for (const k of Object.keys(p) as (keyof typeof p)[]) g.previous[k] += p[k];
    }
  for (const a of accepted)
    for (const key of ['channel', `region:${a.region}`, `partner:${a.partner_id}`])
      seconds.set(key, [...(seconds.get(key) ?? []), Number(a.answer_seconds)]);
  const figures = (key: string) => {
    const g = into(key);
    return leadFigures(g.counts, g.previous, median(seconds.get(key) ?? []));
  };
  const keys = [...groups.keys()];
  return {
    channel: figures('channel'),
    regions: keys
      .filter((k) => k.startsWith('region:'))
      .map((k) => k.slice(7))
      .sort((a, b) => a.localeCompare(b))
      .map((region) => ({ region, ...figures(`region:${region}`) })),
    partners: keys
      .filter((k) => k.startsWith('partner:'))
      .map((k) => k.slice(8))
      .sort()
      .map((partnerId) => ({ partnerId, ...figures(`partner:${partnerId}`) })),
  };
};

/** Every page of the dashboard, `limit` partners at a time, walked by cursor. */
const walk = async (get: (url: string) => Promise<unknown>, query: string, limit: number) => {
  let first: unknown;
  const partners: unknown[] = [];
  for (let cursor: string | null = ''; cursor !== null; ) {
    const page = await get(`/dashboards/leads?${query}limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
    first ??= page;
    partners.push(...list(page, 'partners', 'items'));
    cursor = (maybe(page, 'partners', 'nextCursor') as string | null | undefined) ?? null;
  }
  return { first, partners };
};

const withoutNames = (p: unknown) => {
  const { name: _name, partnerRegion: _region, ...figures } = p as Record<string, unknown>;
  return figures;
};

for (const who of ['the vendor admin', 'a regional channel manager'] as const)
  test(`${who}: figures equal the sums of every fact, pages hold every partner once`, async ({ s, get, manager }) => {
    const iat = Math.floor(Date.parse(`${until}T00:00:00.000Z`) / 1000);
    const admin = who === 'the vendor admin';
    const token = admin ? ADMIN_KEY : signToken(JWT_SECRET, { sub: manager, iat, exp: iat + 3 * 86_400 });
    const principal = admin ? undefined : await loadPrincipal(s.platform.reader, manager);
    assert.ok(admin || principal, 'the channel manager is a principal');
    const scope = principal ? leadFactScope(principal) : everyFact;
    const now = periodOf(new Date(`${until}T00:00:00.000Z`));
    let compared = 0;
    for (const period of [now, previousPeriod(now), until.slice(0, 4)]) {
      const expected = await reference(s, scope, period);
      const { first, partners } = await walk((url) => get(url, token), `period=${period}&`, 3);
      assert.equal(at(first, 'channel'), JSON.parse(JSON.stringify(expected.channel)), `${period} channel`);
      assert.equal(at(first, 'regions'), JSON.parse(JSON.stringify(expected.regions)), `${period} regions`);
      assert.equal(partners.map(withoutNames), JSON.parse(JSON.stringify(expected.partners)), `${period} partners`);
      compared += partners.length;
    }
    assert.ok(compared >= 10, `${compared} partner rows compared`);
  });

test.run();
