import { certificationPointsPolicy, dealWonPointsPolicy, type PolicyDeps } from '../../commands/policies/index.js';
import { defaultChannelSettings } from '../../domain/channel/index.js';
import { pointsForWonAmount } from '../../domain/points/index.js';
import type { Money } from '../../domain/shared/index.js';
import type { EventStore, StoredEvent } from '../../eventstore/port.js';
import { streams } from './streams.js';
import { rewards } from './vocabulary.js';
import { person, type World } from './world.js';

/** Events the points policies react to, appended after `after`. */
export const sourceEvents = async (store: EventStore, after: number): Promise<StoredEvent[]> => {
  const out: StoredEvent[] = [];
  for await (const e of store.readAll({ after, filter: { types: ['DealWon', 'CertificationEarned'] } })) out.push(e);
  return out;
};

/**
 * Runs the points policies' own handlers for yesterday's wins and certifications (so the points are
 * exactly what the policy runner would award, with the same command ids), one task per source on the
 * partner's ledger stream, and books them in the simulation for later redemptions.
 */
export const planAwards = (w: World, deps: PolicyDeps, sources: readonly StoredEvent[]) => {
  for (const event of sources) {
    if (event.type === 'DealWon') {
      const deal = w.deals.get(event.streamId.slice('deal-'.length));
      const p = deal ? w.partnersById.get(deal.partnerId) : undefined;
      if (!deal || !p) continue;
      // What the won-deal policy awards: the seed never changes the points rate from the default.
      const points = pointsForWonAmount(
        (event.data as { amount: Money }).amount,
        defaultChannelSettings.pointsPerWonAmountUnit,
      );
      if (points > 0) p.pots.set(deal.registrant, (p.pots.get(deal.registrant) ?? 0) + points);
      w.task([], [streams.points(p.id)], () => dealWonPointsPolicy.handle(event, deps));
    } else {
      const personId = event.streamId.slice('person-'.length);
      const programId = (event.data as { programId: string }).programId;
      const partnerId = w.certAwards.get(`${personId}|${programId}`);
      const program = w.programs.find((g) => g.id === programId);
      const p = partnerId ? w.partnersById.get(partnerId) : undefined;
      if (!p || !program) continue;
      p.pots.set(personId, (p.pots.get(personId) ?? 0) + program.points);
      w.task([], [streams.points(p.id)], () => certificationPointsPolicy.handle(event, deps));
    }
  }
};

/**
 * Quarterly: people with a good balance redeem part of it; the strongest partners get a bonus on their
 * shared points.
 */
export const planRedemptions = (w: World) => {
  for (const p of w.partners) {
    if (p.status !== 'active') continue;
    for (const [personId, balance] of p.pots) {
      if (balance < 1500 || !w.rng.chance(0.5)) continue;
      const points = Math.floor(balance * w.rng.uniform(0.3, 0.6));
      p.pots.set(personId, balance - points);
      const rewardId = w.rng.pick(rewards);
      w.command([], [streams.points(p.id)], () =>
        w.cmd.points.redeem(w.ctx(person(personId)), w.system, {
          partnerId: p.id,
          personId,
          points,
          rewardId,
          from: 'person',
        }),
      );
    }
    if (p.strength > 20 && w.rng.chance(0.5))
      w.command([], [streams.points(p.id)], () =>
        w.cmd.points.adjust(w.ctx(person(p.cmId)), w.system, {
          partnerId: p.id,
          points: 500,
          reason: 'quarterly performance bonus',
        }),
      );
  }
};
