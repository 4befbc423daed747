import * as E from 'fp-ts/lib/Either.js';
import { domainError, type Decider, type DomainError } from '../shared/index.js';
import type { PointsCommand } from './commands.js';
import * as ev from './events.js';
import type { PointsEvent } from './events.js';
import {
  addLot,
  balanceOf,
  consumeOldestFirst,
  expiryCutoff,
  initialLedgerState,
  PARTNER_POT,
  pointsUpTo,
  potOf,
  withoutUpTo,
  type LedgerState,
  type Lot,
} from './state.js';

const withPot = (s: LedgerState, pot: string, lots: readonly Lot[]): LedgerState => ({
  ...s,
  pots: { ...s.pots, [pot]: lots },
});
const lotsOf = (s: LedgerState, pot: string) => s.pots[pot] ?? [];

export const evolve = (state: LedgerState, event: PointsEvent): LedgerState => {
  switch (event.type) {
    case 'PointsEarned': {
      const pot = potOf(event.data.personId);
      const earned = withPot(
        state,
        pot,
        addLot(lotsOf(state, pot), { at: event.data.earnedAt, points: event.data.points }),
      );
      return { ...earned, sources: state.sources.with(event.data.sourceEventId) };
    }
    case 'PointsAdjusted': {
      const pot = potOf(event.data.personId);
      const { points, adjustedAt } = event.data;
      const lots =
        points > 0
          ? addLot(lotsOf(state, pot), { at: adjustedAt, points })
          : consumeOldestFirst(lotsOf(state, pot), -points);
      return withPot(state, pot, lots);
    }
    case 'PointsRedeemed': {
      const pot = event.data.from === 'partner' ? PARTNER_POT : event.data.personId;
      return withPot(state, pot, consumeOldestFirst(lotsOf(state, pot), event.data.points));
    }
    case 'PointsExpired': {
      const pot = potOf(event.data.personId);
      return withPot(state, pot, withoutUpTo(lotsOf(state, pot), event.data.earnedUpTo));
    }
  }
};

const insufficient = (has: number, wants: number, whose: string): DomainError =>
  domainError('insufficient_points', `${whose} ${has} points, ${wants} needed`, {
    details: { balance: has, needed: wants },
  });
const whoseLabel = (personId: string | undefined) => (personId ? `${personId} has` : "the partner's shared points are");

const decide = (
  command: PointsCommand,
  state: LedgerState,
  now: Date,
): E.Either<DomainError, readonly PointsEvent[]> => {
  switch (command.type) {
    case 'EarnPoints': {
      const { sourceEventId } = command.data;
      if (state.sources.has(sourceEventId))
        return E.left(domainError('duplicate', `points were already earned from ${sourceEventId}`));
      return E.right([
        ev.PointsEarned.create({ ...command.data, earnedAt: new Date(command.data.earnedAt).toISOString() }),
      ]);
    }
    case 'AdjustPoints': {
      const { personKnown, ...data } = command.data;
      if (data.personId !== undefined && !personKnown && state.pots[data.personId] === undefined)
        return E.left(
          domainError('invalid_state', `${data.personId} neither works for the partner nor has points here`),
        );
      const has = balanceOf(state.pots[potOf(data.personId)]);
      if (data.points < 0 && has < -data.points)
        return E.left(insufficient(has, -data.points, whoseLabel(data.personId)));
      return E.right([ev.PointsAdjusted.create({ ...data, adjustedAt: now.toISOString() })]);
    }
    case 'RedeemPoints': {
      const { personId, points, from } = command.data;
      const has = balanceOf(state.pots[from === 'partner' ? PARTNER_POT : personId]);
      if (has < points)
        return E.left(insufficient(has, points, from === 'partner' ? whoseLabel(undefined) : whoseLabel(personId)));
      return E.right([ev.PointsRedeemed.create(command.data)]);
    }
    case 'ExpirePoints': {
      const earnedUpTo = expiryCutoff(now, command.data.expiryMonths);
      const expired = Object.entries(state.pots)
        .map(([pot, lots]) => ({ pot, points: pointsUpTo(lots, earnedUpTo) }))
        .filter((p) => p.points > 0)
        .sort((a, b) => a.pot.localeCompare(b.pot))
        .map(({ pot, points }) =>
          ev.PointsExpired.create({ ...(pot === PARTNER_POT ? {} : { personId: pot }), points, earnedUpTo }),
        );
      return E.right(expired);
    }
  }
};

export const ledgerDecider: Decider<PointsCommand, PointsEvent, LedgerState> = {
  initialState: initialLedgerState,
  evolve,
  decide,
};
