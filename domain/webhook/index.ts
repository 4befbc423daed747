export * from './decider.js';
export * from './events.js';

/** Stream of one webhook subscription. */
export const webhookStream = (webhookId: string) => `webhook-${webhookId}`;
