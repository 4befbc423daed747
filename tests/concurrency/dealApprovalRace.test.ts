/**
 * Race-free channel-conflict protection through a listening HTTP server (real sockets, fetch):
 * 50 partners register the same customer and product line at once, then 50 approvals of those
 * colliding registrations arrive at once. Exactly one is approved; 49 are 409 channel_conflict.
 */
import type { AddressInfo } from 'node:net';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { ADMIN_KEY, startTestApp, type TestApp } from '../support/testApp.js';
import { activePartner, employee } from '../http/fixtures.js';

const N = 50;
interface Ctx {
  t: TestApp;
  base: string;
  sellers: { partnerId: string; token: string }[];
}
const test = suite<Ctx>('concurrency: colliding deal approvals over real sockets');

test.before(async (ctx) => {
  ctx.t = await startTestApp();
  await ctx.t.app.listen({ port: 0, host: '127.0.0.1' });
  ctx.base = `http://127.0.0.1:${(ctx.t.app.server.address() as AddressInfo).port}`;
  ctx.sellers = [];
  for (let i = 0; i < N; i++) {
    const partnerId = await activePartner(ctx.t, { name: `Reseller ${i}`, region: i % 2 ? 'emea' : 'apac' });
    ctx.sellers.push({ partnerId, token: (await employee(ctx.t, partnerId, 'sales')).token });
  }
});
test.after(async (ctx) => ctx.t?.dispose());

const post = async (base: string, path: string, body: unknown, token = ADMIN_KEY) => {
  const res = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as { id?: string; code?: string } };
};
const dealBody = (partnerId: string, domain: string) => ({
  partnerId,
  customer: { name: 'Contested Customer plc', domain, country: 'GB' },
  productLine: 'storage',
  estimatedValue: { amountMinor: 25_000_000, currency: 'GBP' },
  expectedCloseDate: '2026-12-31',
});

test(
  '50 simultaneous registrations of one customer all succeed, each later one flagged; ' +
    '50 simultaneous approvals approve exactly one',
  async ({ t, base, sellers }) => {
    // Every partner spells the customer differently: all are one customer.
    const spellings = (i: number) =>
      [
        `contested.co.uk`,
        `https://www.contested.co.uk/`,
        `sales.contested.co.uk.`,
        `CONTESTED.CO.UK`,
        `bob@eu.contested.co.uk`,
      ][i % 5];
    const registered = await Promise.all(
      sellers.map((s, i) => post(base, '/deals', dealBody(s.partnerId, spellings(i)), s.token)),
    );
    assert.equal(
      registered.map((r) => r.status),
      Array(N).fill(201),
      JSON.stringify(registered.find((r) => r.status !== 201)),
    );
    const dealIds = registered.map((r) => r.body.id as string);

    const before = await t.eventCount();
    const approvals = await Promise.all(dealIds.map((id) => post(base, `/deals/${id}/approve`, {})));
    const approved = approvals.filter((r) => r.status === 200);
    assert.is(approved.length, 1, `approved: ${approved.length}`);
    assert.equal(
      approvals.filter((r) => r.status === 409).map((r) => r.body.code),
      Array(N - 1).fill('channel_conflict'),
    );
    assert.is(await t.eventCount(), before + 2, 'one DealApproved and one DealClaimHeld, nothing else');

    // The log agrees: one DealApproved among the 50 deals, one holder on the claim stream.
    let approvedEvents = 0;
    for await (const e of t.platform.store.readAll({ after: before, filter: { types: ['DealApproved'] } }))
      approvedEvents += e.type === 'DealApproved' ? 1 : 0;
    assert.is(approvedEvents, 1);
    const claim: string[] = [];
    for await (const e of t.platform.store.readStream('claim-contested.co.uk:storage')) claim.push(e.type);
    assert.equal(claim, [...Array(N).fill('DealClaimRequested'), 'DealClaimHeld']);

    // And so does the read model: one approved, 50 flagged, the vendor sees the other 49 side by side.
    const list = await fetch(`${base}/deals?customerDomain=contested.co.uk&limit=100`, {
      headers: { authorization: `Bearer ${ADMIN_KEY}` },
    });
    const items = ((await list.json()) as { items: { id: string; status: string; conflict: boolean }[] }).items;
    assert.equal(
      [items.length, items.filter((d) => d.status === 'approved').length, items.every((d) => d.conflict)],
      [N, 1, true],
    );
    const winner = approved[0].body.id as string;
    const view = (await (
      await fetch(`${base}/deals/${winner}`, { headers: { authorization: `Bearer ${ADMIN_KEY}` } })
    ).json()) as { conflicts: unknown[] };
    assert.is(view.conflicts.length, N - 1);
  },
);

test('50 simultaneous approvals of 50 different customers all succeed: no false conflicts', async ({
  base,
  sellers,
}) => {
  const registered = await Promise.all(
    sellers.map((s, i) => post(base, '/deals', dealBody(s.partnerId, `independent${i}.com`), s.token)),
  );
  assert.ok(registered.every((r) => r.status === 201));
  const approvals = await Promise.all(
    registered.map((r) => post(base, `/deals/${r.body.id}/approve`, { protectionDays: 30 })),
  );
  assert.equal(
    approvals.map((r) => r.status),
    Array(N).fill(200),
  );
});

test.run();
