export * from './principal.js';
export * from './rules.js';
export * from './integration.js';
