// Public surface of hv's host checks (hv doctor).
export * from './doctor-check.js';
export * from './doctor-checks.js';
export * from './run-doctor.js';
export * from './render-dependencies-doc.js';
