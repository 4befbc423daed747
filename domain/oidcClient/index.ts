export * from './decider.js';
export * from './events.js';

export const oidcClientStream = (clientId: string) => `oidcclient-${clientId}`;
