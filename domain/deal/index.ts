export * from './access.js';
export * from './claim.js';
export * from './commands.js';
export * from './customerDomain.js';
export * from './decider.js';
export * from './events.js';
export * from './state.js';

/** Stream of one deal registration. */
export const dealStream = (dealId: string) => `deal-${dealId}`;
/** Reservation stream of one customer (normalised domain) and product line. */
export const claimStream = (domain: string, productLine: string) => `claim-${domain}:${productLine}`;
