// Public surface of hv's process runner: the only module that spawns programs.
export * from './run-command.js';
export * from './which.js';
