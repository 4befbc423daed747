export * from './canonicalEmail.js';
export * from './commands.js';
export * from './decider.js';
export * from './emailReservation.js';
export * from './events.js';
export * from './state.js';

export const personStream = (personId: string) => `person-${personId}`;
/** Reservation stream that makes an email address unique, case-insensitively. */
export const emailStream = (email: string) => `email-${email.trim().toLowerCase()}`;
