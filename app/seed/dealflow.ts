import type { RegisterDealBody } from '../../commands/deal/dealSchemas.js';
import { withPlannedIds } from '../../commands/pipeline/index.js';
import { periodOf, toIsoDate } from '../../domain/shared/index.js';
import { dealRate, dealSize, winRate } from './economics.js';
import { DAY, eur, model } from './model.js';
import { streams } from './streams.js';
import { customerKinds, customerWords, lossReasons } from './vocabulary.js';
import {
  employeePrincipal,
  managerPrincipal,
  person,
  system,
  type SimDeal,
  type SimPartner,
  type World,
} from './world.js';

const title = (s: string) =>
  s
    .split('-')
    .map((x) => x[0].toUpperCase() + x.slice(1))
    .join(' ');

/**
 * A customer and product line the partner has no open registration for: mostly returning customers,
 * sometimes new ones.
 */
const ownTarget = (w: World, p: SimPartner): { domain: string; line: string } => {
  const pool = 15 + Math.round(8 * Math.sqrt(p.strength));
  for (let attempt = 0; attempt < 4; attempt++) {
    const fresh = p.customers.length < pool && (p.customers.length === 0 || w.rng.chance(0.3));
    const domain = fresh
      ? `${w.rng.pick(customerWords)}-${w.rng.pick(customerKinds)}-${w.uniqueNumber()}.${w.rng.pick(p.tlds)}`
      : w.rng.pick(p.customers);
    if (fresh) p.customers.push(domain);
    const line = w.rng.pick(p.lines);
    if (!p.openKeys.has(`${domain}:${line}`)) return { domain, line };
  }
  const domain = `${w.rng.pick(customerWords)}-${w.rng.pick(customerKinds)}-${w.uniqueNumber()}.${w.rng.pick(p.tlds)}`;
  p.customers.push(domain);
  return { domain, line: p.lines[0] };
};

/** Another partner's open registration in the region that this partner could collide with. */
const conflictTarget = (w: World, p: SimPartner): SimDeal | undefined => {
  const open = w.openByRegion.get(p.region) ?? [];
  for (let attempt = 0; attempt < 6 && open.length; attempt++) {
    const d = open[w.rng.int(0, open.length - 1)];
    if (
      d.partnerId !== p.id &&
      (d.status === 'submitted' || d.status === 'approved') &&
      !d.conflict &&
      !p.openKeys.has(d.key)
    )
      return d;
  }
  return undefined;
};

/**
 * Today's registrations of every active partner: Poisson in its deal rate, about 5% colliding with
 * another partner's.
 */
export const planRegistrations = (w: World) => {
  for (const p of w.partners) {
    if (p.status !== 'active') continue;
    for (let n = w.rng.poisson(dealRate(p)); n > 0; n--) register(w, p);
  }
  if (w.today % 30 === 0)
    for (const [region, list] of w.openByRegion)
      w.openByRegion.set(
        region,
        list.filter((d) => d.status === 'submitted' || d.status === 'approved'),
      );
};

const register = (w: World, p: SimPartner) => {
  const sellers = [...p.employees].map((id) => w.people.get(id)).filter((x) => x !== undefined);
  const registrant = sellers.find((s) => s.role === 'sales')
    ? w.rng.pick(sellers.filter((s) => s.role === 'sales' || s.role === 'manager'))
    : sellers[0];
  if (!registrant) return;
  const other = w.rng.chance(model.conflictShare) ? conflictTarget(w, p) : undefined;
  const [domain, line] = other ? other.key.split(':') : Object.values(ownTarget(w, p));
  const key = `${domain}:${line}`;
  const estimated = Math.max(2_000, Math.round((dealSize(p) * w.rng.logNormal(0.5)) / 100) * 100);
  const deal: SimDeal = {
    id: w.rng.id('deal'),
    partnerId: p.id,
    registrant: registrant.id,
    key,
    conflict: other !== undefined,
    estimated,
    status: 'submitted',
  };
  w.deals.set(deal.id, deal);
  p.openKeys.add(key);
  if (!deal.conflict) {
    const open = w.openByRegion.get(p.region);
    if (open) open.push(deal);
    else w.openByRegion.set(p.region, [deal]);
  }
  const body: RegisterDealBody = {
    partnerId: p.id,
    customer: { name: title(domain.split('.')[0].replace(/-\d+$/, '')), domain, country: p.country },
    productLine: line,
    estimatedValue: eur(estimated),
    expectedCloseDate: toIsoDate(new Date(w.now() + w.rng.int(30, 150) * DAY)),
  };
  const principal = employeePrincipal(registrant.id, p.id, registrant.role ?? 'sales');
  w.command(
    [streams.partner(p.id), streams.person(registrant.id), streams.channel],
    [streams.deal(deal.id), streams.claim(key)],
    () => withPlannedIds({ deal: deal.id }, () => w.cmd.deal.register(w.ctx(person(registrant.id)), principal, body)),
  );
  w.later(w.rng.int(1, 5), () => decide(w, deal));
};

/** The deal a converted lead registers (commands/lead convert): then decided like any other registration. */
export const convertedDeal = (w: World, p: SimPartner, registrant: string, key: string): SimDeal => {
  const estimated = Math.max(2_000, Math.round((dealSize(p) * w.rng.logNormal(0.5)) / 100) * 100);
  const deal: SimDeal = {
    id: w.rng.id('deal'),
    partnerId: p.id,
    registrant,
    key,
    conflict: false,
    estimated,
    status: 'submitted',
  };
  w.deals.set(deal.id, deal);
  p.openKeys.add(key);
  w.later(w.rng.int(1, 5), () => decide(w, deal));
  return deal;
};

const close = (w: World, deal: SimDeal, status: SimDeal['status']) => {
  deal.status = status;
  w.partnersById.get(deal.partnerId)?.openKeys.delete(deal.key);
};

const writes = (deal: SimDeal) => [streams.deal(deal.id), streams.claim(deal.key)];
const reads = (deal: SimDeal) => [streams.partner(deal.partnerId), streams.channel];

/** The channel manager decides: collisions are rejected (or withdrawn by the partner), most others approved. */
const decide = (w: World, deal: SimDeal) => {
  const p = w.partnersById.get(deal.partnerId);
  if (!p || deal.status !== 'submitted') return;
  const cm = managerPrincipal(p.cmId, p.region);
  const registrant = w.people.get(deal.registrant);
  const canWithdraw = registrant?.partnerId === p.id;
  const roll = w.rng.next();
  const reject = (reason: string) => {
    close(w, deal, 'closed');
    w.command(reads(deal), writes(deal), () => w.cmd.deal.reject(w.ctx(person(p.cmId)), cm, deal.id, { reason }));
  };
  const withdraw = (reason: string) => {
    close(w, deal, 'closed');
    const principal = employeePrincipal(deal.registrant, p.id, registrant?.role ?? 'sales');
    w.command(reads(deal), writes(deal), () =>
      w.cmd.deal.withdraw(w.ctx(person(deal.registrant)), principal, deal.id, { reason }),
    );
  };
  if (deal.conflict)
    return roll < 0.8 || !canWithdraw
      ? reject('channel conflict: another partner registered this customer first')
      : withdraw('the customer works with another partner');
  if (p.status !== 'active') return reject('the partner is not in good standing');
  if (roll < 0.06) return reject('not a new opportunity');
  if (roll < 0.12 && canWithdraw) return withdraw('registered by mistake');
  deal.status = 'approved';
  w.command(reads(deal), writes(deal), () => w.cmd.deal.approve(w.ctx(person(p.cmId)), cm, deal.id, {}));
  const outcome = (inDays: number, action: () => void) => w.later(inDays, () => deal.status === 'approved' && action());
  if (w.rng.chance(winRate(p))) {
    const extended = w.rng.chance(0.1);
    if (extended)
      outcome(75, () =>
        w.command(reads(deal), writes(deal), () =>
          w.cmd.deal.extend(w.ctx(person(p.cmId)), cm, deal.id, {
            protectedUntil: new Date(w.now() + 60 * DAY).toISOString(),
            reason: 'the customer asked for more time',
          }),
        ),
      );
    outcome(extended ? w.rng.int(95, 130) : w.rng.int(10, 88), () => win(w, deal));
  } else if (w.rng.chance(0.75)) {
    outcome(w.rng.int(10, 85), () => {
      close(w, deal, 'closed');
      w.command(reads(deal), writes(deal), () =>
        w.cmd.deal.lose(w.ctx(person(p.cmId)), cm, deal.id, { reason: w.rng.pick(lossReasons) }),
      );
    });
  } else {
    // Nobody reports an outcome: the protection lapses and the sweeper records the expiry.
    outcome(91, () => {
      close(w, deal, 'closed');
      w.command(reads(deal), writes(deal), () => w.cmd.deal.expire(w.ctx(system('sweeper:deal-expiry')), deal.id));
    });
  }
};

const win = (w: World, deal: SimDeal) => {
  const p = w.partnersById.get(deal.partnerId);
  if (!p) return;
  const units = Math.max(1, Math.round(deal.estimated * w.rng.uniform(0.75, 1.15)));
  const closedAt = `${toIsoDate(new Date(w.now()))}T00:00:00.000Z`;
  const period = periodOf(new Date(closedAt));
  p.revenue.set(period, (p.revenue.get(period) ?? 0) + units);
  close(w, deal, 'won');
  w.command(reads(deal), writes(deal), () =>
    w.cmd.deal.win(w.ctx(person(p.cmId)), managerPrincipal(p.cmId, p.region), deal.id, {
      amount: eur(units),
      closedAt,
    }),
  );
};
