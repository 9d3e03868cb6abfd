// Public surface of hv's configuration: schema, loading, the key list and generated documentation.
export * from './config-schema.js';
export * from './config-keys.js';
export * from './parse-config-text.js';
export * from './load-config.js';
export * from './allowed-roots.js';
export * from './default-config-yaml.js';
