/**
 * The purchase rules and what scoring a whole export needs of core, without the policy schema
 * (zod) or the rest of core: the entry `@liaison/core/batch`, which `ill score`'s worker threads
 * load in a fraction of the time the whole of core takes (measured: 160 ms for all of core).
 */
export * from './request.js';
export * from './isbn.js';
export * from './publication-year.js';
export * from './day-number.js';
export * from './creation-date.js';
export * from './title-key.js';
export * from './demand.js';
export * from './purchase-defaults.js';
export * from './purchase.js';
export * from './export-fields.js';
export * from './export-encoding.js';
