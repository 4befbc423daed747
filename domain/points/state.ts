import { GrowingSet } from '../shared/growingSet.js';

/** Points earned together, with what is left of them; a pot's lots are kept oldest first. */
export interface Lot {
  readonly at: string;
  readonly points: number;
}

/** The partner's shared points (earned or adjusted without a person) live in this pot. */
export const PARTNER_POT = '';

/**
 * One partner's ledger: a pot per person plus the partner's shared pot, each a list of lots
 * consumed oldest first (redemptions, negative adjustments, expiry); and every source event
 * points were earned from, so that no source ever earns twice.
 */
export interface LedgerState {
  readonly pots: Readonly<Record<string, readonly Lot[]>>;
  readonly sources: GrowingSet;
}

export const initialLedgerState: LedgerState = { pots: {}, sources: GrowingSet.empty() };

export const potOf = (personId: string | undefined) => personId ?? PARTNER_POT;
export const balanceOf = (lots: readonly Lot[] | undefined): number => (lots ?? []).reduce((n, l) => n + l.points, 0);
export const partnerBalance = (s: LedgerState): number =>
  Object.values(s.pots).reduce((n, lots) => n + balanceOf(lots), 0);

/** Adds a lot in age order (after lots of the same instant). */
export const addLot = (lots: readonly Lot[], lot: Lot): readonly Lot[] => {
  let i = lots.length;
  const at = Date.parse(lot.at);
  while (i > 0 && Date.parse(lots[i - 1].at) > at) i--;
  return [...lots.slice(0, i), lot, ...lots.slice(i)];
};

/** Takes `points` from the oldest lots first; the caller has checked the balance. */
export const consumeOldestFirst = (lots: readonly Lot[], points: number): readonly Lot[] => {
  const rest: Lot[] = [];
  let due = points;
  for (const lot of lots) {
    if (due >= lot.points) due -= lot.points;
    else {
      rest.push(due > 0 ? { at: lot.at, points: lot.points - due } : lot);
      due = 0;
    }
  }
  return rest;
};

/** Points of the lots earned at or before `cutoff`. */
export const pointsUpTo = (lots: readonly Lot[], cutoff: string): number => {
  const limit = Date.parse(cutoff);
  return lots.filter((l) => Date.parse(l.at) <= limit).reduce((n, l) => n + l.points, 0);
};

/** The lots left once those earned at or before `cutoff` have expired. */
export const withoutUpTo = (lots: readonly Lot[], cutoff: string): readonly Lot[] => {
  const limit = Date.parse(cutoff);
  return lots.filter((l) => Date.parse(l.at) > limit);
};

/**
 * The instant `months` before `now`, clamped to the month's last day (31 March - 1 month = 28/29
 * February): points earned at or before it have expired.
 */
export const expiryCutoff = (now: Date, months: number): string => {
  const y = now.getUTCFullYear();
  const m = now.getUTCMonth() - months;
  const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  const d = new Date(now);
  d.setUTCFullYear(y, m, Math.min(now.getUTCDate(), lastDay));
  return d.toISOString();
};
