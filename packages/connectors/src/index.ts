// The public face of @liaison/connectors.
export * from './errors.js';
export * from './sources.js';
export * from './http.js';
export * from './cache.js';
export * from './isbn.js';
export * from './demo/index.js';
