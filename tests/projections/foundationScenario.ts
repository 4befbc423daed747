import fc from 'fast-check';
import * as assert from 'uvu/assert';
import { at, str } from '../support/json.js';
import type { TestApp } from '../support/testApp.js';

/**
 * Random sequences of foundation commands (partners, people, employment, programs, certifications,
 * channel settings, time passing), sent through the real HTTP API. Steps name targets by index into
 * the things created so far, so that most steps hit something real and many hit a wrong state.
 */
export type Step =
  | { kind: 'apply'; region: string; type: string; parent: number | null }
  | { kind: 'onboard'; region: string; type: string; tier: string }
  | { kind: 'hire'; partner: number; email: number; role: string }
  | { kind: 'partner'; partner: number; action: string; body: Record<string, unknown> }
  | { kind: 'register'; email: number }
  | { kind: 'grant'; person: number; role: string; regions?: string[] }
  | { kind: 'revoke'; person: number; role: string }
  | { kind: 'join'; partner: number; person: number; role: string }
  | { kind: 'employee'; partner: number; person: number; action: 'role' | 'leave'; body: Record<string, unknown> }
  | { kind: 'program'; line: string; days: number }
  | { kind: 'retire'; program: number }
  | { kind: 'certify'; person: number; program: number; action: 'earn' | 'renew' | 'revoke' }
  | { kind: 'channel-manager'; partner: number; person: number }
  | { kind: 'settings'; body: Record<string, unknown> }
  | { kind: 'advance'; days: number };

const index = fc.nat({ max: 7 });
const region = fc.constantFrom('emea', 'apac', 'amer');
const tier = fc.constantFrom('registered', 'silver', 'gold', 'platinum');
const role = fc.constantFrom('admin', 'manager', 'sales', 'technical');
const line = fc.constantFrom('storage', 'compute', 'network', 'security');

const partnerAction: fc.Arbitrary<Step> = fc.oneof(
  fc
    .record({ partner: index, tier })
    .map(({ partner, tier: t }) => ({ kind: 'partner' as const, partner, action: 'approve', body: { tier: t } })),
  index.map((partner) => ({ kind: 'partner' as const, partner, action: 'reject', body: { reason: 'not a fit' } })),
  fc.record({ partner: index, v: fc.constantFrom('1', '2') }).map(({ partner, v }) => ({
    kind: 'partner' as const,
    partner,
    action: 'agreements',
    body: { agreementVersion: v, signedBy: 'Signer' },
  })),
  fc.record({ partner: index, tier }).map(({ partner, tier: t }) => ({
    kind: 'partner' as const,
    partner,
    action: 'tier',
    body: { tier: t, reason: 'review' },
  })),
  fc
    .record({ partner: index, region })
    .map(({ partner, region: r }) => ({ kind: 'partner' as const, partner, action: 'region', body: { region: r } })),
  fc
    .record({ partner: index, period: fc.constantFrom('2026-Q2', '2026-Q3'), amountMinor: fc.nat({ max: 10_000_000 }) })
    .map(({ partner, period, amountMinor }) => ({
      kind: 'partner' as const,
      partner,
      action: 'quotas',
      body: { period, amount: { amountMinor, currency: 'EUR' } },
    })),
  fc
    .record({ partner: index, action: fc.constantFrom('suspend', 'terminate') })
    .map(({ partner, action }) => ({ kind: 'partner' as const, partner, action, body: { reason: 'review' } })),
  index.map((partner) => ({ kind: 'partner' as const, partner, action: 'reinstate', body: {} })),
);

export const step: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc
      .record({
        region,
        type: fc.constantFrom('reseller', 'distributor', 'msp'),
        parent: fc.option(index, { nil: null }),
      })
      .map((s) => ({ kind: 'apply' as const, ...s })),
  },
  {
    weight: 3,
    arbitrary: fc
      .record({ region, type: fc.constantFrom('reseller', 'distributor'), tier })
      .map((s) => ({ kind: 'onboard' as const, ...s })),
  },
  {
    weight: 3,
    arbitrary: fc
      .record({ partner: index, email: fc.nat({ max: 99 }), role })
      .map((s) => ({ kind: 'hire' as const, ...s })),
  },
  { weight: 8, arbitrary: partnerAction },
  { weight: 4, arbitrary: fc.nat({ max: 9 }).map((email) => ({ kind: 'register' as const, email })) },
  {
    weight: 1,
    arbitrary: fc
      .record({
        person: index,
        role: fc.constantFrom('channel_manager', 'auditor'),
        regions: fc.option(fc.subarray(['emea', 'apac'], { minLength: 1 }), { nil: undefined }),
      })
      .map(({ regions, ...s }) => ({ kind: 'grant' as const, ...s, ...(regions ? { regions } : {}) })),
  },
  {
    weight: 1,
    arbitrary: fc
      .record({ person: index, role: fc.constantFrom('channel_manager', 'auditor') })
      .map((s) => ({ kind: 'revoke' as const, ...s })),
  },
  {
    weight: 5,
    arbitrary: fc.record({ partner: index, person: index, role }).map((s) => ({ kind: 'join' as const, ...s })),
  },
  {
    weight: 2,
    arbitrary: fc
      .record({ partner: index, person: index, role })
      .map(({ role: r, ...s }) => ({ kind: 'employee' as const, ...s, action: 'role' as const, body: { role: r } })),
  },
  {
    weight: 2,
    arbitrary: fc
      .record({ partner: index, person: index })
      .map((s) => ({ kind: 'employee' as const, ...s, action: 'leave' as const, body: { reason: 'moved on' } })),
  },
  {
    weight: 2,
    arbitrary: fc
      .record({ line, days: fc.integer({ min: 1, max: 60 }) })
      .map((s) => ({ kind: 'program' as const, ...s })),
  },
  { weight: 1, arbitrary: index.map((program) => ({ kind: 'retire' as const, program })) },
  {
    weight: 4,
    arbitrary: fc
      .record({ person: index, program: index, action: fc.constantFrom('earn', 'earn', 'renew', 'revoke') })
      .map((s) => ({ kind: 'certify' as const, ...s })),
  },
  {
    weight: 1,
    arbitrary: fc.record({ partner: index, person: index }).map((s) => ({ kind: 'channel-manager' as const, ...s })),
  },
  {
    weight: 1,
    arbitrary: fc
      .record(
        {
          productLines: fc.constantFrom(['storage', 'compute'], ['storage', 'compute', 'network', 'security']),
          minCertifiedForReady: fc.integer({ min: 1, max: 3 }),
        },
        { requiredKeys: [] },
      )
      .map((body) => ({ kind: 'settings' as const, body })),
  },
  { weight: 2, arbitrary: fc.integer({ min: 1, max: 40 }).map((days) => ({ kind: 'advance' as const, days })) },
);

export const scenario = fc.array(step, { minLength: 5, maxLength: 60, size: 'max' });

/** Runs the steps; every answer must be below 500. Returns how many commands were accepted. */
export const runScenario = async (t: TestApp, steps: readonly Step[]) => {
  const partners: string[] = [];
  const people: string[] = [];
  const programs: string[] = [];
  const pick = (pool: readonly string[], i: number) => (pool.length ? pool[i % pool.length] : undefined);
  let accepted = 0;
  const send = async (method: string, url: string, body: unknown) => {
    const r = await t.request(method, url, body);
    assert.ok(r.status < 500, `${method} ${url} ${JSON.stringify(body)} -> ${r.status} ${JSON.stringify(r.body)}`);
    if (r.status < 300) accepted++;
    return r;
  };
  for (const s of steps) {
    const partner = 'partner' in s ? pick(partners, s.partner) : undefined;
    const person = 'person' in s ? pick(people, s.person) : undefined;
    switch (s.kind) {
      case 'apply': {
        const parent = s.parent === null ? undefined : pick(partners, s.parent);
        const body = {
          name: `Partner ${partners.length}`,
          website: 'https://p.example',
          country: 'DE',
          region: s.region,
          type: parent ? 'reseller' : s.type,
          ...(parent ? { parentPartnerId: parent } : {}),
        };
        const r = await send('POST', '/partners', body);
        if (r.status === 201) partners.push(str(r.body, 'id'));
        break;
      }
      case 'onboard': {
        const r = await send('POST', '/partners', {
          name: `Partner ${partners.length}`,
          website: 'https://p.example',
          country: 'FR',
          region: s.region,
          type: s.type,
        });
        partners.push(str(r.body, 'id'));
        await send('POST', `/partners/${at(r.body, 'id')}/approve`, { tier: s.tier });
        await send('POST', `/partners/${at(r.body, 'id')}/agreements`, { agreementVersion: '1', signedBy: 'Signer' });
        break;
      }
      case 'hire': {
        const r = await send('POST', '/people', { name: `Hire ${s.email}`, email: `hire${s.email}@h.example` });
        if (r.status !== 201) break;
        people.push(str(r.body, 'id'));
        if (partner) await send('POST', `/partners/${partner}/employees`, { personId: at(r.body, 'id'), role: s.role });
        break;
      }
      case 'register': {
        // Addresses 0..4 and 5..9 are the same ones in other letter case: duplicates, case-insensitively.
        const r = await send('POST', '/people', {
          name: `Person ${s.email}`,
          email: `p${s.email % 5}@${s.email < 5 ? 'x' : 'X'}.example`,
        });
        if (r.status === 201) people.push(str(r.body, 'id'));
        break;
      }
      case 'program': {
        const r = await send('POST', '/programs', {
          name: `${s.line} ${s.days}`,
          productLine: s.line,
          validForDays: s.days,
          points: s.days,
        });
        if (r.status === 201) programs.push(str(r.body, 'id'));
        break;
      }
      case 'settings':
        await send('PUT', '/channel/settings', s.body);
        break;
      case 'advance':
        t.clock.advance(s.days * 86_400_000);
        break;
      case 'retire': {
        const program = pick(programs, s.program);
        if (program) await send('POST', `/programs/${program}/retire`, {});
        break;
      }
      default:
        if (partner === undefined && 'partner' in s) break;
        if (person === undefined && 'person' in s) break;
        if (s.kind === 'partner') await send('POST', `/partners/${partner}/${s.action}`, s.body);
        if (s.kind === 'grant')
          await send('POST', `/people/${person}/vendor-roles`, {
            role: s.role,
            ...(s.regions ? { regions: s.regions } : {}),
          });
        if (s.kind === 'revoke') await send('POST', `/people/${person}/vendor-roles/${s.role}/revoke`, {});
        if (s.kind === 'join') await send('POST', `/partners/${partner}/employees`, { personId: person, role: s.role });
        if (s.kind === 'employee') await send('POST', `/partners/${partner}/employees/${person}/${s.action}`, s.body);
        if (s.kind === 'channel-manager')
          await send('POST', `/partners/${partner}/channel-manager`, { personId: person });
        if (s.kind === 'certify') {
          const program = pick(programs, s.program);
          if (!program) break;
          if (s.action === 'earn') await send('POST', `/people/${person}/certifications`, { programId: program });
          else
            await send(
              'POST',
              `/people/${person}/certifications/${program}/${s.action}`,
              s.action === 'revoke' ? { reason: 'audit' } : {},
            );
        }
    }
  }
  return accepted;
};
