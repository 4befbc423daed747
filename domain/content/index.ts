export * from './audience.js';
export * from './audienceMatches.js';
export * from './contentViewer.js';
export * from './decider.js';
export * from './events.js';

/** Stream of one content item. */
export const contentStream = (contentId: string) => `content-${contentId}`;
