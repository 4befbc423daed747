export * from './errors.js';
export * from './eventRegistry.js';
export * from './hashChain.js';
export * from './mutex.js';
export * from './port.js';
export * from './storedLog.js';
