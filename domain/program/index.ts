export * from './decider.js';
export * from './events.js';

export const programStream = (programId: string) => `program-${programId}`;
