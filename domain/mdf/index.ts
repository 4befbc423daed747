export * from './commands.js';
export * from './decider.js';
export { claimDeadlineOf } from './decideRequest.js';
export * from './events.js';
export * from './fundReservation.js';
export * from './state.js';

export const fundStream = (fundId: string) => `mdf-${fundId}`;
/** Reservation stream that makes a fund unique per partner and period. */
export const fundReservationStream = (partnerId: string, period: string) => `fund-${partnerId}:${period}`;
