// The public face of @liaison/connectors.
export * from './errors.js';
export * from './sources.js';
export * from './http.js';
export * from './cache.js';
export * from './isbn.js';
export * from './demo/index.js';
export * from './settings.js';
export * from './system.js';
export * from './paging.js';
export * from './patron-lookup.js';
export * from './from-policy.js';
export { systemDefinitions } from './system-definitions.js';
export { demoSettingsSchema, demoSystem, type DemoSettings } from './demo/system.js';
export * from './folio/index.js';
export * from './illiad/index.js';
export * from './alma/index.js';
export * from './vendor-price-file/index.js';
