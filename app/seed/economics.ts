import { model } from './model.js';
import type { SimPartner } from './world.js';

/** Expected deal registrations per day of an active partner. */
export const dealRate = (p: SimPartner) => (p.type === 'referral' ? 0.5 : 1) * model.dealsPerDay * p.strength ** 0.6;
/** Typical estimated value (EUR) of the partner's deals. */
export const dealSize = (p: SimPartner) => model.dealSizeEur * p.strength ** 0.4;
/** Share of approved deals the partner wins: stronger partners close more. */
export const winRate = (p: SimPartner) => 0.3 + 0.3 * Math.min(1, Math.log(1 + p.strength) / Math.log(60));

/**
 * What the partner should bring in per quarter: registrations x approval x win rate x size (the
 * log-normal noise of sizes averages 1.13, wins are 95% of the estimate), less a fifth for deals still
 * open at the quarter's end; a quota is set around it.
 */
export const expectedQuarterRevenue = (p: SimPartner) =>
  dealRate(p) * 91 * 0.82 * winRate(p) * dealSize(p) * 1.13 * 0.95 * 0.8;

/** A vendor lead's typical value (EUR). */
export const leadSize = () => model.dealSizeEur * 2;
/**
 * How a partner treats the leads it is given: stronger partners answer more often (the others let the
 * deadline pass), accept more of what they answer, and convert more of what they accept.
 */
export const leadWill = (p: SimPartner) => {
  const s = Math.min(1, Math.log(1 + p.strength) / Math.log(60));
  return { answers: 0.6 + 0.35 * s, accepts: 0.65 + 0.3 * s, converts: 0.2 + 0.45 * s };
};
