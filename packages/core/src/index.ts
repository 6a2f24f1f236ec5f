// The public face of @liaison/core. One block per concept; each module's owner adds its exports here.
export * from './errors.js';
export * from './handoff/handoff.js';
export * from './patron/context.js';
export * from './ill/request.js';
// policy:
// routing:
// time:
// lifecycle:
// escalation:
// purchase:
// rubric:
// statistics:
// privacy:
// insight:
