export * from './decider.js';
export * from './events.js';

/** The locations of one partner. */
export const locationsStream = (partnerId: string) => `locations-${partnerId}`;
