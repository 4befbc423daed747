import { withPlannedIds } from '../../commands/pipeline/index.js';
import { periodBounds, type PartnerType, type Tier } from '../../domain/shared/index.js';
import { defaultProductLines } from '../../domain/shared/index.js';
import { expectedQuarterRevenue } from './economics.js';
import { DAY, eur, model } from './model.js';
import { streams } from './streams.js';
import { companyKinds, companyWords, legalForms, regions } from './vocabulary.js';
import { planHire, planTeam } from './workforce.js';
import { person, sample, type SimPartner, type World } from './world.js';

const tierFor = (strength: number): Tier =>
  strength >= 30 ? 'platinum' : strength >= 8 ? 'gold' : strength >= 2.5 ? 'silver' : 'registered';
const lower: Record<Tier, Tier> = { registered: 'registered', silver: 'registered', gold: 'silver', platinum: 'gold' };

/**
 * Pareto strengths by stratified quantiles (one draw in each 1/N slice of the distribution, shuffled):
 * the channel has the 80/20 shape whatever its size, not only on average over many channels.
 */
const stratifiedStrengths = (w: World) => {
  const n = w.partnerCount;
  const values = Array.from({ length: n }, (_, i) =>
    Math.min(model.strengthCap, (1 - (i + w.rng.next()) / n) ** (-1 / model.paretoAlpha)),
  );
  return sample(w.rng, values, n);
};

/** Draws every partner of the channel and puts its application in the agenda (distributors first, on day 0). */
export const planPartners = (w: World) => {
  const distributors = Math.max(1, Math.round(w.partnerCount * model.distributorShare));
  const strengths = stratifiedStrengths(w);
  for (let index = 0; index < w.partnerCount; index++) {
    const rng = w.rng;
    const type: PartnerType =
      index < distributors
        ? 'distributor'
        : rng.weighted([
            ['msp', model.mspShare],
            ['referral', model.referralShare],
            ['reseller', 1 - model.mspShare - model.referralShare],
          ]);
    const region =
      index < distributors ? regions[index % regions.length] : rng.weighted(regions.map((r) => [r, r.weight] as const));
    const country = rng.pick(region.countries);
    const word = rng.pick(companyWords);
    const kind = rng.pick(companyKinds);
    const lineCount = rng.weighted([
      [1, 0.4],
      [2, 0.4],
      [3, 0.2],
    ] as const);
    const lines = sample(rng, defaultProductLines, lineCount).sort();
    const slug = `${word}-${kind}`.toLowerCase().replace(/[^a-z0-9]+/g, '-');
    const managers = w.channelManagers.get(region.slug) ?? [];
    const p: SimPartner = {
      id: rng.id('ptr'),
      name: `${word} ${kind} ${legalForms[country] ?? 'Ltd'}`,
      website: `https://www.${slug}-${index + 1}.${rng.pick(region.tlds)}`,
      country,
      region: region.slug,
      tlds: region.tlds,
      type,
      strength: type === 'distributor' ? Math.max(4, strengths[index]) : strengths[index],
      lines,
      status: 'planned',
      cmId: managers[index % managers.length],
      target: 0,
      employees: new Set(),
      customers: [],
      openKeys: new Set(),
      revenue: new Map(),
      pots: new Map(),
    };
    p.target = Math.min(70, Math.max(2, Math.round(2 + 2.2 * Math.sqrt(p.strength))));
    w.partners.push(p);
    w.partnersById.set(p.id, p);
    const applyDay =
      type === 'distributor'
        ? 0
        : rng.chance(model.initialCohort)
          ? rng.int(0, 10)
          : rng.int(12, Math.max(12, w.days - 25));
    const fate = rng.next();
    const at = (action: () => void) => (applyDay === 0 ? action() : w.later(applyDay, action));
    at(() => apply(w, p, fate));
  }
};

const apply = (w: World, p: SimPartner, fate: number) => {
  if (p.type === 'reseller' && w.rng.chance(model.twoTierShare)) {
    const parents = w.partners.filter((d) => d.type === 'distributor' && d.status === 'active');
    const near = parents.filter((d) => d.region === p.region);
    if (parents.length) p.parentId = w.rng.pick(near.length ? near : parents).id;
  }
  p.status = 'applied';
  const cm = person(p.cmId);
  w.command(p.parentId ? [streams.partner(p.parentId)] : [], [streams.partner(p.id)], () =>
    withPlannedIds({ partner: p.id }, () =>
      w.cmd.partner.apply(w.ctx(cm), w.system, {
        name: p.name,
        website: p.website,
        country: p.country,
        region: p.region,
        type: p.type,
        ...(p.parentId ? { parentPartnerId: p.parentId } : {}),
      }),
    ),
  );
  w.command([streams.person(p.cmId)], [streams.partner(p.id)], () =>
    w.cmd.partner.assignChannelManager(w.ctx(person(w.vendorAdmin)), w.system, { partnerId: p.id, personId: p.cmId }),
  );
  w.later(p.type === 'distributor' ? 1 : w.rng.int(1, 6), () => decide(w, p, fate));
};

const decide = (w: World, p: SimPartner, fate: number) => {
  const cm = person(p.cmId);
  if (p.type !== 'distributor' && fate < model.rejectedApplications) {
    p.status = 'rejected';
    w.command([], [streams.partner(p.id)], () =>
      w.cmd.partner.reject(w.ctx(cm), w.system, { partnerId: p.id, reason: 'does not meet the partner criteria' }),
    );
    return;
  }
  const assessed = tierFor(p.strength);
  p.tier =
    p.type === 'distributor' && assessed === 'registered' ? 'silver' : w.rng.chance(0.15) ? lower[assessed] : assessed;
  p.status = 'approved';
  const tier = p.tier;
  w.command([], [streams.partner(p.id)], () => w.cmd.partner.approve(w.ctx(cm), w.system, { partnerId: p.id, tier }));
  // Joining mid-quarter: a prorated quota, unless the quarter is nearly over.
  const { start, end } = periodBounds(w.period());
  const share = (end.getTime() - w.now()) / (end.getTime() - start.getTime());
  // Halved again: its first deals take weeks to close.
  if (share > 0.25) setQuota(w, p, share * 0.5);
  planTeam(w, p);
  w.later(p.type === 'distributor' ? 1 : w.rng.int(2, 12), () => sign(w, p, fate));
};

const sign = (w: World, p: SimPartner, fate: number) => {
  if (p.status !== 'approved') return;
  p.status = 'active';
  const year = new Date(w.now()).getUTCFullYear();
  w.command([], [streams.partner(p.id)], () =>
    w.cmd.partner.signAgreement(w.ctx(person(p.cmId)), w.system, {
      partnerId: p.id,
      agreementVersion: `${year}.1`,
      signedBy: `${p.name} managing director`,
    }),
  );
  const left = w.days - w.today;
  const suspended = fate > 1 - model.suspended;
  const terminated = !suspended && fate > 1 - model.suspended - model.terminated && p.type !== 'distributor';
  if (suspended && left > 90) w.later(w.rng.int(60, left - 20), () => suspend(w, p));
  if (terminated && left > 150) w.later(w.rng.int(120, left - 10), () => terminate(w, p));
};

const suspend = (w: World, p: SimPartner) => {
  if (p.status !== 'active') return;
  p.status = 'suspended';
  w.command([], [streams.partner(p.id)], () =>
    w.cmd.partner.suspend(w.ctx(person(p.cmId)), w.system, { partnerId: p.id, reason: 'overdue payments' }),
  );
  w.later(w.rng.int(14, 45), () => {
    if (p.status !== 'suspended') return;
    p.status = 'active';
    w.command([], [streams.partner(p.id)], () =>
      w.cmd.partner.reinstate(w.ctx(person(p.cmId)), w.system, { partnerId: p.id }),
    );
  });
};

const terminate = (w: World, p: SimPartner) => {
  if (p.status !== 'active' && p.status !== 'suspended' && p.status !== 'approved') return;
  p.status = 'terminated';
  w.command([], [streams.partner(p.id)], () =>
    w.cmd.partner.terminate(w.ctx(person(w.vendorAdmin)), w.system, {
      partnerId: p.id,
      reason: 'partnership ended by mutual agreement',
    }),
  );
  // Half of its people find work at another partner of the region (the move closes the old employment).
  for (const personId of p.employees)
    if (w.rng.chance(0.5)) w.movers.push({ personId, region: p.region, fromDay: w.today + w.rng.int(10, 60) });
};

/** A quota for the current period: around what the partner should bring in, prorated when it joined mid-quarter. */
export const setQuota = (w: World, p: SimPartner, share = 1) => {
  const quarter = Math.floor((w.now() - w.start) / (91 * DAY));
  const units = Math.max(
    10_000,
    Math.round((expectedQuarterRevenue(p) * share * w.rng.logNormal(0.3) * (1 + 0.03 * quarter)) / 1000) * 1000,
  );
  const period = w.period();
  w.command([], [streams.partner(p.id)], () =>
    w.cmd.partner.setQuota(w.ctx(person(p.cmId)), w.system, { partnerId: p.id, period, amount: eur(units) }),
  );
};

export const growTeams = (w: World) => {
  for (const p of w.partners) {
    if (p.status !== 'active') continue;
    p.target += Math.round(p.target * 0.03) + (w.rng.chance(0.3) ? 1 : 0);
    for (let n = p.employees.size; n < p.target; n++)
      planHire(
        w,
        p,
        w.rng.weighted([
          ['sales', 0.5],
          ['technical', 0.35],
          ['marketing', 0.15],
        ] as const),
        w.rng.int(1, 80),
      );
  }
};
