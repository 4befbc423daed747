export * from './access.js';
export * from './commands.js';
export * from './decider.js';
export * from './events.js';
export * from './leadLoad.js';
export * from './routing.js';
export * from './state.js';

/** Stream of one vendor-sourced lead. */
export const leadStream = (leadId: string) => `lead-${leadId}`;
/** A partner's lead load: what routing compares, serialised by expected versions. */
export const leadLoadStream = (partnerId: string) => `leadload-${partnerId}`;
