/**
 * Lead routing under concurrency (DESIGN §13): 200 route commands arrive at once over HTTP, for leads of
 * two product lines whose routings queue separately but compete for the same seven partners. Every one
 * succeeds, and no partner is loaded beyond the rule: the loads end at most one apart, every recorded
 * decision chose a partner with the lowest load among its candidates, and each partner's load stream
 * matches the leads it holds.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { leadDecider, leadLoadDecider, leadLoadStream, leadStream, type LeadEvent } from '../../domain/lead/index.js';
import { replay, type DomainEvent } from '../../domain/shared/index.js';
import { activePartner, defineProgram, employee, expectStatus } from '../http/fixtures.js';
import { registerLead } from '../http/leadFixtures.js';
import { at } from '../support/json.js';
import { startTestApp, type TestApp } from '../support/testApp.js';

const PARTNERS = 7;
const LEADS = 200;
interface Ctx {
  t: TestApp;
  partners: string[];
}
const test = suite<Ctx>('concurrency: 200 lead routings at once');

test.before(async (ctx) => {
  const t = await startTestApp();
  ctx.t = t;
  const programs = [await defineProgram(t, 'storage'), await defineProgram(t, 'compute')];
  ctx.partners = [];
  for (let i = 0; i < PARTNERS; i++) {
    const id = await activePartner(t, { name: `Reseller ${i}`, website: `https://reseller${i}.example` });
    const seller = await employee(t, id, 'sales');
    for (const programId of programs)
      expectStatus(await t.post(`/people/${seller.id}/certifications`, { programId }), 200);
    ctx.partners.push(id);
  }
});
test.after(async (ctx) => ctx.t?.dispose());

const streamOf = async (t: TestApp, streamId: string) => {
  const events: DomainEvent[] = [];
  for await (const e of t.platform.store.readStream(streamId)) events.push(e);
  return events;
};

test('every routing succeeds; loads end at most one apart and every choice was a least-loaded partner', async ({
  t,
  partners,
}) => {
  const leads: string[] = [];
  for (let i = 0; i < LEADS; i++)
    leads.push(
      await registerLead(t, undefined, {
        customer: { name: `Customer ${i}`, domain: `customer${i}.com`, country: 'DE' },
        productLine: i % 2 ? 'storage' : 'compute',
      }),
    );
  const answers = await Promise.all(leads.map((id) => t.post(`/leads/${id}/route`, {})));
  assert.equal(
    answers.filter((r) => r.status !== 200).map((r) => `${r.status} ${String(at(r.body, 'code'))}`),
    [],
    'every routing succeeds',
  );

  const held = new Map<string, number>(partners.map((p) => [p, 0]));
  for (const id of leads) {
    const events = (await streamOf(t, leadStream(id))) as LeadEvent[];
    const state = replay(leadDecider, events);
    assert.is(state.status, 'assigned');
    held.set(state.partnerId ?? '', (held.get(state.partnerId ?? '') ?? 0) + 1);
    const assigned = events.find((e) => e.type === 'LeadAssigned');
    if (assigned?.type !== 'LeadAssigned' || !assigned.data.routing) throw new Error(`${id}: no routing decision`);
    const { candidates, candidateCount } = assigned.data.routing;
    assert.is(candidateCount, PARTNERS);
    assert.is(candidates[0].partnerId, assigned.data.partnerId);
    const least = Math.min(...candidates.map((c) => c.openLeads));
    assert.is(candidates[0].openLeads, least, `${id} went to a partner with ${candidates[0].openLeads}, not ${least}`);
  }
  const loads = [...held.values()];
  assert.ok(Math.max(...loads) - Math.min(...loads) <= 1, `loads ${loads.join(', ')} are more than one apart`);
  for (const p of partners) {
    const load = replay(leadLoadDecider, (await streamOf(t, leadLoadStream(p))) as never[]);
    assert.is(load.open, held.get(p), `the load stream of ${p} counts the leads it holds`);
  }
  // The read model saw the same: each partner's open leads.
  await t.platform.runner.waitFor(await t.eventCount());
  const rows = await t.platform.reader.all<{ partner_id: string; n: number }>(
    `SELECT partner_id, COUNT(*) AS n FROM leads WHERE status = 'assigned' GROUP BY partner_id`,
  );
  assert.equal(new Map(rows.map((r) => [r.partner_id, Number(r.n)])), held);
});

test.run();
