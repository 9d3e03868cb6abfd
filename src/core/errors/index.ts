// Public surface of hv's error model.
export * from './error-codes.js';
export * from './hv-error.js';
export * from './error-kinds.js';
export * from './show-value.js';
