export * from './decider.js';
export * from './events.js';

export const apiClientStream = (clientId: string) => `apiclient-${clientId}`;
