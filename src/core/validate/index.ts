// Public surface of hv's input validation: one function per kind of value, each throwing
// ValidationError(field, rule) with the rejected value shown safely.
export * from './validate-name.js';
export * from './validate-path.js';
export * from './parse-size.js';
export * from './format-size.js';
export * from './validate-http-url.js';
export * from './parse-pci-address.js';
export * from './normalize-mac.js';
export * from './parse-cidr.js';
export * from './parse-cron.js';
export * from './validate-int.js';
export * from './validate-enum.js';
export * from './closest-match.js';
