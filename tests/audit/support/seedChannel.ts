import * as assert from 'uvu/assert';

/** Anything that can post as the admin key and move a manual clock: the test app, or an app on a copied store. */
export interface Seedable {
  readonly post: (url: string, body?: unknown) => Promise<{ status: number; body: unknown }>;
  readonly put: (url: string, body?: unknown) => Promise<{ status: number; body: unknown }>;
  readonly clock: { advance: (ms: number) => void };
}

const ok = async (r: Promise<{ status: number; body: unknown }>) => {
  const res = await r;
  assert.ok(res.status === 200 || res.status === 201, `seeding failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string; position: number };
};

const regions = ['emea', 'amer', 'apac'] as const;
const types = ['reseller', 'msp', 'referral'] as const;

/**
 * A channel built through the public API, command by command, a minute apart: partners applied,
 * approved, signed (activated), given quotas; two people each, joined and certified; tier changes,
 * a suspension and reinstatement, a leaver, a settings change. About 13 events per partner.
 */
export const seedChannel = async (t: Seedable, partners = 20) => {
  const step = () => t.clock.advance(60_000);
  const program = await ok(
    t.post('/programs', { name: 'Storage Associate', productLine: 'storage', validForDays: 365, points: 100 }),
  );
  const partnerIds: string[] = [];
  const personIds: string[] = [];
  for (let i = 0; i < partners; i++) {
    step();
    const partner = await ok(
      t.post('/partners', {
        name: `Partner ${i}`,
        website: `https://www.partner-${i}.example/home`,
        country: 'DE',
        region: regions[i % 3],
        type: types[i % 3],
      }),
    );
    partnerIds.push(partner.id);
    step();
    await ok(t.post(`/partners/${partner.id}/approve`, { tier: 'silver' }));
    step();
    await ok(t.post(`/partners/${partner.id}/agreements`, { agreementVersion: '2026.1', signedBy: `Signer ${i}` }));
    await ok(
      t.post(`/partners/${partner.id}/quotas`, {
        period: '2026-Q3',
        amount: { amountMinor: 1_000_000 + i, currency: 'EUR' },
      }),
    );
    for (const role of ['admin', 'sales'] as const) {
      step();
      const person = await ok(
        t.post('/people', { name: `Person ${i} ${role}`, email: `${role}.${i}@Partner-${i}.example` }),
      );
      personIds.push(person.id);
      await ok(t.post(`/partners/${partner.id}/employees`, { personId: person.id, role }));
      if (role === 'sales') await ok(t.post(`/people/${person.id}/certifications`, { programId: program.id }));
    }
    if (i % 4 === 1) await ok(t.post(`/partners/${partner.id}/tier`, { tier: 'gold', reason: 'strong quarter' }));
    if (i % 5 === 2) {
      await ok(t.post(`/partners/${partner.id}/suspend`, { reason: 'overdue agreement review' }));
      await ok(t.post(`/partners/${partner.id}/reinstate`, {}));
    }
  }
  step();
  await ok(t.put('/channel/settings', { dealProtectionDays: 60 }));
  const leaver = personIds[1];
  await ok(t.post(`/partners/${partnerIds[0]}/employees/${leaver}/leave`, { reason: 'moved on' }));
  return { programId: program.id, partnerIds, personIds };
};
