import * as E from 'fp-ts/lib/Either.js';
import type { LeadCandidates } from '../../commands/lead/leadCandidates.js';
import { withPlannedIds, type CommandOutcome, type CommandPipeline } from '../../commands/pipeline/index.js';
import { leadDecider, leadStream } from '../../domain/lead/index.js';
import { defaultProductLines, toIsoDate } from '../../domain/shared/index.js';
import { leadSize, leadWill } from './economics.js';
import { convertedDeal } from './dealflow.js';
import { DAY, eur } from './model.js';
import { streams } from './streams.js';
import { customerKinds, customerWords, leadSources, regions } from './vocabulary.js';
import { employeePrincipal, managerPrincipal, person, system, type SimPartner, type World } from './world.js';

/** What the seed believes of a lead: its holder after the last routing, known once that command ran. */
interface SimLead {
  readonly id: string;
  readonly region: string;
  readonly line: string;
  readonly domain: string;
  readonly country: string;
  holder?: string;
}

/** Leads the vendor passes to the channel per active partner and day. */
const LEADS_PER_PARTNER_DAY = 0.02;
const notRoutable = new Set(['no_eligible_partner']);

/**
 * Vendor-sourced leads (DESIGN §13) in the seed: channel managers register leads and route them; the
 * holder accepts (within hours or the next day), declines (then the lead is routed on) or lets the
 * deadline pass (the sweeper lapses it and routes it on); accepted leads convert into deal registrations
 * that then live as any deal, or are disqualified. Stronger partners answer and convert more. Every task
 * moving lead loads writes the region's pool key, so routings of a region run one per round, in plan order.
 */
export const createLeadFlow = (w: () => World, pipeline: CommandPipeline) => {
  const pool = (region: string) => `leadpool:${region}`;
  const regionReads = (region: string) =>
    w()
      .partners.filter((p) => p.region === region)
      .map((p) => streams.partner(p.id));
  let registered = 0;

  /** Routing eligibility as the simulation knows it: active, of the region, enough certified people now. */
  const candidates: LeadCandidates = async (region, line, minCertified, now) => {
    const world = w();
    const programs = new Set(world.programs.filter((g) => g.line === line).map((g) => g.id));
    return world.partners
      .filter((p) => p.status === 'active' && p.region === region)
      .filter((p) => ready(world, p, programs, now.getTime(), minCertified))
      .map((p) => p.id);
  };

  /** Runs a routing command; no eligible partner leaves the lead where it is. Then reads who holds it. */
  const routed = (lead: SimLead, writes: readonly string[], run: () => CommandOutcome) =>
    w().task(
      [...regionReads(lead.region), streams.channel],
      [streams.lead(lead.id), pool(lead.region), ...writes],
      async () => {
        const outcome = await run();
        if (E.isLeft(outcome) && !notRoutable.has(outcome.left.code))
          throw new Error(`seed: routing ${lead.id} was refused (${outcome.left.code}): ${outcome.left.message}`);
        lead.holder = (await pipeline.peek(leadDecider, leadStream(lead.id))).state.partnerId;
      },
    );

  const route = (lead: SimLead) => {
    const cm = w().channelManagers.get(lead.region)?.[0] ?? w().vendorAdmin;
    routed(lead, [], () =>
      w().cmd.lead.route(w().ctx(person(cm)), managerPrincipal(cm, lead.region), { leadId: lead.id }),
    );
    w().later(1, () => answer(lead));
  };

  const register = (region: string) => {
    const world = w();
    const r = regions.find((x) => x.slug === region);
    const cm = world.channelManagers.get(region)?.[0];
    if (!r || !cm) return;
    const tld = world.rng.pick(r.tlds);
    const domain = `${world.rng.pick(customerWords)}-${world.rng.pick(customerKinds)}-${world.uniqueNumber()}.${tld}`;
    const lead: SimLead = {
      id: world.rng.id('led'),
      region,
      line: world.rng.pick(defaultProductLines),
      domain,
      country: world.rng.pick(r.countries),
    };
    registered += 1;
    const body = {
      customer: { name: domain.split('.')[0].replace(/-\d+$/, ''), domain, country: lead.country },
      region,
      productLine: lead.line,
      source: world.rng.pick(leadSources),
      estimatedValue: eur(Math.round((leadSize() * world.rng.logNormal(0.5)) / 100) * 100 + 1_000),
    };
    world.command([streams.channel], [streams.lead(lead.id)], () =>
      withPlannedIds({ lead: lead.id }, () =>
        world.cmd.lead.register(world.ctx(person(cm)), managerPrincipal(cm, region), body),
      ),
    );
    route(lead);
  };

  /** The holder's answer the day after the routing (15 to 33 hours on): accept, decline, or nothing at all. */
  const answer = (lead: SimLead) => {
    const world = w();
    const p = lead.holder ? world.partnersById.get(lead.holder) : undefined;
    if (!p) return;
    const who = answerer(world, p);
    const roll = world.rng.next();
    const will = leadWill(p);
    if (!who || p.status !== 'active' || roll > will.answers) {
      // Nobody answers: two days on the deadline has passed and the sweeper lapses the lead and routes it on.
      world.later(3, () => lapse(lead));
      return;
    }
    const principal = employeePrincipal(who, p.id, world.people.get(who)?.role ?? 'admin');
    const reads = [streams.partner(p.id), streams.person(who)];
    if (roll > will.answers * will.accepts) {
      world.command(reads, [streams.lead(lead.id), pool(lead.region)], () =>
        world.cmd.lead.decline(world.ctx(person(who)), principal, {
          leadId: lead.id,
          reason: 'no capacity this quarter',
        }),
      );
      world.later(1, () => route(lead));
      return;
    }
    world.command(reads, [streams.lead(lead.id)], () =>
      world.cmd.lead.accept(world.ctx(person(who)), principal, { leadId: lead.id }),
    );
    if (world.rng.chance(will.converts)) world.later(world.rng.int(3, 25), () => convert(lead, p));
    else if (world.rng.chance(0.6)) world.later(world.rng.int(10, 45), () => disqualify(lead, p));
  };

  const lapse = (lead: SimLead) => {
    routed(lead, [], () => w().cmd.lead.lapse(w().ctx(system('sweeper:lead-acceptance')), lead.id));
    w().later(1, () => answer(lead));
  };

  const convert = (lead: SimLead, p: SimPartner) => {
    const world = w();
    const who = answerer(world, p);
    if (!who || p.status !== 'active' || lead.holder !== p.id) return;
    const deal = convertedDeal(world, p, who, `${lead.domain}:${lead.line}`);
    const principal = employeePrincipal(who, p.id, world.people.get(who)?.role ?? 'admin');
    const body = {
      leadId: lead.id,
      expectedCloseDate: toIsoDate(new Date(world.now() + world.rng.int(30, 120) * DAY)),
      estimatedValue: eur(deal.estimated),
    };
    world.command(
      [streams.partner(p.id), streams.person(who), streams.channel],
      [streams.lead(lead.id), pool(lead.region), streams.deal(deal.id), streams.claim(deal.key)],
      () => withPlannedIds({ deal: deal.id }, () => world.cmd.lead.convert(world.ctx(person(who)), principal, body)),
    );
  };

  const disqualify = (lead: SimLead, p: SimPartner) => {
    const world = w();
    const who = answerer(world, p);
    if (!who || lead.holder !== p.id) return;
    const principal = employeePrincipal(who, p.id, world.people.get(who)?.role ?? 'admin');
    world.command([streams.partner(p.id), streams.person(who)], [streams.lead(lead.id), pool(lead.region)], () =>
      world.cmd.lead.disqualify(world.ctx(person(who)), principal, { leadId: lead.id, reason: 'no budget this year' }),
    );
  };

  /** Today's new leads per region, in proportion to the region's active partners. */
  const planDay = () => {
    const world = w();
    for (const r of regions) {
      const active = world.partners.filter((p) => p.region === r.slug && p.status === 'active').length;
      for (let n = world.rng.poisson(active * LEADS_PER_PARTNER_DAY); n > 0; n--) register(r.slug);
    }
  };

  return { candidates, planDay, registered: () => registered };
};

/** An admin or manager of the partner, who answers leads; undefined when the partner has none. */
const answerer = (w: World, p: SimPartner) =>
  [...p.employees].find((id) => {
    const role = w.people.get(id)?.role;
    return role === 'admin' || role === 'manager';
  });

/**
 * At least `needed` of the partner's employees hold a valid certification in one of `programs` (those of
 * the lead's product line) at `now`. Routing asks this of every partner of a region for every lead, so it
 * stops counting at `needed` and allocates nothing.
 */
const ready = (w: World, p: SimPartner, programs: ReadonlySet<string>, now: number, needed: number) => {
  let certified = 0;
  for (const id of p.employees) {
    if (certified >= needed) return true;
    const certs = w.people.get(id)?.certs;
    if (!certs) continue;
    for (const [programId, c] of certs)
      if (!c.revoked && c.expiresAt > now && programs.has(programId)) {
        certified += 1;
        break;
      }
  }
  return certified >= needed;
};
