export * from './sweepEach.js';
