export * from './aggregateCache.js';
export * from './commandContext.js';
export * from './commandPipeline.js';
export * from './commandScopedIds.js';
export * from './eventIds.js';
export * from './plannedIds.js';
export * from './unitOfWork.js';
