export * from './decider.js';
export * from './events.js';

export const planStream = (planId: string) => `plan-${planId}`;
/** Reservation stream that makes a plan unique per partner and period. */
export const planReservationStream = (partnerId: string, period: string) => `planperiod-${partnerId}:${period}`;
export * from './periods.js';
