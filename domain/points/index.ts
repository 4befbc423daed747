export * from './awardRules.js';
export * from './commands.js';
export * from './decider.js';
export * from './events.js';
export * from './state.js';

/** The ledger of one partner. */
export const pointsStream = (partnerId: string) => `points-${partnerId}`;
