import { withPlannedIds } from '../../commands/pipeline/index.js';
import { dealRate, expectedQuarterRevenue } from './economics.js';
import { eur } from './model.js';
import { streams } from './streams.js';
import { cities } from './vocabulary.js';
import { employeePrincipal, managerPrincipal, person, sample, type SimPartner, type World } from './world.js';

/** Partners strong enough for a joint business plan each quarter (gold tier's strength and up). */
const PLAN_STRENGTH = 8;

/**
 * The first day of a quarter: the channel manager agrees a business plan with each larger active
 * partner (revenue around its quota, registrations, certified people, some new customers).
 */
export const planBusinessPlans = (w: World) => {
  const period = w.period();
  for (const p of w.partners) {
    if (p.status !== 'active' || p.strength < PLAN_STRENGTH) continue;
    const planId = w.rng.id('pln');
    const revenue = Math.round((expectedQuarterRevenue(p) * w.rng.uniform(0.9, 1.3)) / 1000) * 1000;
    const objectives = [
      { kind: 'revenue' as const, target: eur(Math.max(10_000, revenue)) },
      {
        kind: 'deals_registered' as const,
        target: Math.max(1, Math.round(dealRate(p) * 91 * w.rng.uniform(0.9, 1.2))),
      },
      { kind: 'certified_people' as const, target: Math.max(1, Math.round(p.employees.size * 0.4)) },
      ...(w.rng.chance(0.5) ? [{ kind: 'new_customers' as const, target: w.rng.int(2, 8) }] : []),
    ];
    w.command([streams.partner(p.id)], [streams.plan(planId), streams.planReservation(p.id, period)], () =>
      withPlannedIds({ plan: planId }, () =>
        w.cmd.plan.create(w.ctx(person(p.cmId)), managerPrincipal(p.cmId, p.region), {
          partnerId: p.id,
          period,
          objectives,
        }),
      ),
    );
  }
};

/**
 * Distributors run several locations: once active, the channel manager opens two to four (the first
 * one primary), and about half the people there name the location they work at. `located` holds the
 * distributors done (one set per seed run).
 */
export const planLocations = (w: World, located: Set<string>) => {
  for (const p of w.partners) {
    if (p.type !== 'distributor' || p.status !== 'active' || located.has(p.id)) continue;
    located.add(p.id);
    const here = cities[p.country] ?? ['Head office'];
    const opened = sample(w.rng, here, Math.min(here.length, w.rng.int(2, 4))).map((city, i) => {
      const id = w.rng.id('loc');
      openLocation(w, p, id, city, i === 0);
      return id;
    });
    for (const personId of p.employees) if (w.rng.chance(0.5)) nameLocation(w, p, personId, w.rng.pick(opened));
  }
};

const openLocation = (w: World, p: SimPartner, id: string, city: string, primary: boolean) =>
  w.command([streams.partner(p.id)], [streams.locations(p.id)], () =>
    withPlannedIds({ location: id }, () =>
      w.cmd.location.open(w.ctx(person(p.cmId)), managerPrincipal(p.cmId, p.region), {
        partnerId: p.id,
        name: `${p.name} ${city}`,
        country: p.country,
        city,
        primary,
      }),
    ),
  );

const nameLocation = (w: World, p: SimPartner, personId: string, locationId: string) => {
  const role = w.people.get(personId)?.role ?? 'sales';
  w.command([streams.partner(p.id), streams.person(personId)], [streams.locations(p.id)], () =>
    w.cmd.location.nameEmployeeLocation(w.ctx(person(personId)), employeePrincipal(personId, p.id, role), {
      partnerId: p.id,
      personId,
      locationId,
    }),
  );
};
