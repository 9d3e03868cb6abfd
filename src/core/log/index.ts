// Public surface of hv's logging.
export * from './create-logger.js';
