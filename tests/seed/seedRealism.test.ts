import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { allPolicies, policyCommandId } from '../../commands/policies/index.js';
import { seededStore } from './seededStore.js';

type Store = Awaited<ReturnType<typeof seededStore>>;
const test = suite<{ s: Store }>('prm seed builds a realistic channel through the command layer');
test.before(async (ctx) => {
  ctx.s = await seededStore({ partners: 50, seed: 3, until: '2026-06-30' });
});
test.after(async (ctx) => ctx.s.dispose());

const one = async (s: Store, sql: string, params: unknown[] = []) =>
  Number(Object.values((await s.platform.reader.get<Record<string, number>>(sql, params)) ?? {})[0] ?? 0);

test('Pareto: about a fifth of the partners bring about four fifths of the won revenue', async ({ s }) => {
  const rows = await s.platform.reader.all<{ won: number }>(
    `SELECT SUM(won_minor) AS won FROM scorecard_revenue GROUP BY partner_id ORDER BY won DESC`,
  );
  const partnersWithRevenue = await one(s, `SELECT COUNT(*) FROM partners WHERE status NOT IN ('applied', 'rejected')`);
  const total = rows.reduce((n, r) => n + Number(r.won), 0);
  const top = rows.slice(0, Math.round(partnersWithRevenue * 0.2)).reduce((n, r) => n + Number(r.won), 0);
  const share = top / total;
  assert.ok(share > 0.65 && share < 0.92, `top 20% bring ${(share * 100).toFixed(1)}% of won revenue`);
});

test('two simulated years of regions, tiers, types, statuses and two-tier distribution', async ({ s }) => {
  assert.is(await one(s, 'SELECT COUNT(DISTINCT region) FROM partners'), 4);
  assert.ok((await one(s, `SELECT COUNT(DISTINCT tier) FROM partners WHERE status = 'active'`)) >= 3);
  assert.ok((await one(s, `SELECT COUNT(*) FROM partners WHERE type = 'distributor'`)) >= 1);
  assert.ok(
    (await one(
      s,
      `SELECT COUNT(*) FROM partners r JOIN partners d ON d.partner_id = r.parent_partner_id
       WHERE d.type = 'distributor' AND r.type = 'reseller'`,
    )) >= 1,
  );
  assert.ok(
    (await one(s, `SELECT COUNT(*) FROM partners WHERE status IN ('rejected', 'terminated', 'suspended')`)) >= 1,
  );
  const days = await one(s, `SELECT julianday(MAX(recorded_at)) - julianday(MIN(recorded_at)) FROM events`);
  assert.ok(days > 600, `events span ${days} days`);
  // Every partner approved before the last simulated quarter has a quota for it (later ones only when a quarter
  // of it was left).
  assert.is(
    await one(
      s,
      `SELECT COUNT(*) FROM partners p WHERE p.status = 'active' AND p.approved_at < '2026-04-01' AND NOT EXISTS (
    SELECT 1 FROM partner_quotas q WHERE q.partner_id = p.partner_id AND q.period = '2026-Q2')`,
    ),
    0,
  );
  assert.ok((await one(s, `SELECT COUNT(*) FROM partner_quotas WHERE period = '2026-Q2'`)) >= 30);
});

test('people join and leave; some leavers join another partner with their certifications', async ({ s }) => {
  assert.ok((await one(s, 'SELECT COUNT(*) FROM employments WHERE left_at IS NOT NULL')) >= 5);
  assert.ok(
    (await one(
      s,
      `SELECT COUNT(*) FROM
       (SELECT person_id FROM employments GROUP BY person_id HAVING COUNT(DISTINCT partner_id) > 1)`,
    )) >= 1,
  );
  assert.ok(
    (await one(s, `SELECT COUNT(*) FROM certifications WHERE expires_at < '2026-06-30' AND revoked_at IS NULL`)) >= 1,
    'some certifications expired',
  );
  assert.ok(
    (await one(s, 'SELECT COUNT(*) FROM certifications WHERE renewed_at IS NOT NULL')) >= 1,
    'some were renewed',
  );
  assert.ok(
    (await one(s, `SELECT COUNT(*) FROM certifications WHERE expires_at > '2026-06-30' AND revoked_at IS NULL`)) >= 10,
    'many are valid',
  );
});

test('deals with every outcome, and channel conflicts flagged side by side', async ({ s }) => {
  const statuses = (await s.platform.reader.all<{ status: string }>('SELECT DISTINCT status FROM deals')).map(
    (r) => r.status,
  );
  for (const status of ['submitted', 'approved', 'won', 'lost', 'expired', 'rejected', 'withdrawn'])
    assert.ok(statuses.includes(status), `a ${status} deal`);
  const registered = await one(s, 'SELECT COUNT(*) FROM deals');
  const collided = await one(s, `SELECT COUNT(*) FROM events WHERE type = 'DealConflictDetected'`);
  assert.ok(
    collided / registered > 0.02 && collided / registered < 0.1,
    `${collided} of ${registered} registrations collided`,
  );
  assert.ok((await one(s, 'SELECT COUNT(*) FROM deal_conflicts')) >= 2 * collided);
});

test('MDF funds are spent: requests approved and rejected, claims paid', async ({ s }) => {
  assert.ok((await one(s, 'SELECT COUNT(*) FROM mdf_funds')) >= 20);
  assert.ok((await one(s, `SELECT COUNT(*) FROM mdf_requests WHERE status = 'rejected'`)) >= 1);
  assert.ok((await one(s, `SELECT COUNT(*) FROM mdf_claims WHERE status = 'paid'`)) >= 10);
  assert.ok(
    (await one(s, 'SELECT SUM(paid_minor) FROM mdf_funds')) <
      (await one(s, 'SELECT SUM(allocated_minor) FROM mdf_funds')),
  );
});

test("points are earned by the policies' own handlers (their command ids) and redeemed", async ({ s }) => {
  const earned = await s.platform.reader.all<{ metadata: string }>(
    `SELECT metadata FROM events WHERE type = 'PointsEarned'`,
  );
  assert.ok(earned.length >= 50);
  const names = allPolicies.map((p) => p.name);
  for (const row of earned) {
    const m = JSON.parse(row.metadata) as { commandId: string; causationId: string; actor: { id: string } };
    const policy = m.actor.id.replace('policy:', '');
    assert.ok(names.includes(policy));
    assert.is(m.commandId, policyCommandId(policy, m.causationId));
  }
  assert.ok((await one(s, `SELECT COUNT(*) FROM points_ledger WHERE kind = 'redeemed'`)) >= 1);
  // The seed handled every source event itself: each policy's checkpoint is at the head.
  const checkpoints = await s.platform.reader.all<{ position: number }>('SELECT position FROM policy_checkpoints');
  assert.is(checkpoints.length, allPolicies.length);
  for (const c of checkpoints) assert.is(Number(c.position), s.head?.position);
});

const leadsTitle =
  'vendor leads: routed, accepted, declined, lapsed and re-routed, converted into deals; ' +
  'stronger partners convert more';
test(leadsTitle, async ({ s }) => {
  const leads = await one(s, 'SELECT COUNT(*) FROM leads');
  assert.ok(leads >= 100, `${leads} leads`);
  const statuses = (await s.platform.reader.all<{ status: string }>('SELECT DISTINCT status FROM leads')).map(
    (r) => r.status,
  );
  for (const status of ['assigned', 'accepted', 'converted', 'disqualified'])
    assert.ok(statuses.includes(status), `a ${status} lead`);
  for (const outcome of ['accepted', 'declined', 'lapsed'])
    assert.ok(
      (await one(s, 'SELECT COUNT(*) FROM lead_assignments WHERE outcome = ?', [outcome])) >= 3,
      `offers ${outcome}`,
    );
  assert.ok(
    (await one(s, `SELECT COUNT(*) FROM lead_assignments WHERE kind = 'routing' AND seq > 1`)) >= 3,
    'leads routed on after a decline or a lapse',
  );
  assert.is(
    await one(s, `SELECT COUNT(*) FROM leads WHERE status = 'converted' AND deal_id IS NULL`),
    0,
    'every converted lead names its deal',
  );
  assert.ok((await one(s, `SELECT COUNT(*) FROM deals WHERE lead_id IS NOT NULL AND status = 'won'`)) >= 1);
  // Converted leads per offer answered, by the holder's tier now.
  const rate = async (tiers: string) =>
    (await one(
      s,
      `SELECT COUNT(*) FROM leads l JOIN partners p ON p.partner_id = l.partner_id
       WHERE l.status = 'converted' AND p.tier IN (${tiers})`,
    )) /
    (await one(
      s,
      `SELECT COUNT(*) FROM lead_assignments a JOIN partners p ON p.partner_id = a.partner_id
       WHERE a.outcome IN ('accepted', 'declined', 'lapsed') AND p.tier IN (${tiers})`,
    ));
  const strong = await rate(`'gold', 'platinum'`);
  const weak = await rate(`'registered', 'silver'`);
  assert.ok(strong > weak, `gold and platinum convert ${strong}, the others ${weak}`);
});

test('business plans for the larger partners, several locations for distributors', async ({ s }) => {
  assert.ok((await one(s, 'SELECT COUNT(*) FROM partner_plans')) >= 5);
  assert.is(
    (await one(
      s,
      `SELECT COUNT(*) FROM partner_plans pl JOIN partners p ON p.partner_id = pl.partner_id
       WHERE p.tier IN ('registered')`,
    )) < (await one(s, 'SELECT COUNT(*) FROM partner_plans')),
    true,
  );
  assert.ok(
    (await one(
      s,
      `SELECT MIN(n) FROM (SELECT COUNT(*) AS n FROM partner_locations l JOIN partners p ON p.partner_id = l.partner_id
       WHERE p.type = 'distributor' GROUP BY l.partner_id)`,
    )) >= 2,
    'every located distributor has two locations or more',
  );
  assert.ok((await one(s, 'SELECT COUNT(*) FROM employee_locations')) >= 1, 'people named their location');
});

test('every event came through the command pipeline, and the read models are built', async ({ s }) => {
  assert.is(await one(s, `SELECT COUNT(*) FROM events WHERE json_extract(metadata, '$.commandId') IS NULL`), 0);
  const minCheckpoint = await one(s, 'SELECT MIN(position) FROM projection_checkpoints');
  assert.is(minCheckpoint, s.head?.position);
  assert.is(await one(s, 'SELECT COUNT(*) FROM scorecard_partners'), await one(s, 'SELECT COUNT(*) FROM partners'));
});

test("the bulk load leaves the connections as it found them: the log durable, the read models' cache small", async ({
  s,
}) => {
  // synchronous=FULL is 2; the read-model connection's page cache is back to 16 MB (in KiB, negative).
  assert.is(s.platform.connection.db.pragma('synchronous', { simple: true }), 2);
  assert.equal(await s.platform.writeDb.get('PRAGMA cache_size'), { cache_size: -16384 });
});

test.run();
