// The public face of @liaison/core. One block per concept; each module's owner adds its exports here.
export * from './errors.js';
export * from './handoff/handoff.js';
export * from './handoff/link-url.js';
export * from './patron/audit-key.js';
export * from './patron/context.js';
export * from './patron/merge.js';
// policy:
export * from './policy/schema.js';
export * from './policy/warnings.js';
export * from './policy/parse.js';
export * from './policy/departments.js';
export * from './policy/connectors.js';
export * from './policy/slug.js';
export * from './policy/suggest.js';
export * from './policy/teams.js';
export * from './policy/slack.js';
// routing:
export * from './handoff/route.js';
// time:
export * from './time/time-zone.js';
export * from './time/opening-hours.js';
export * from './time/calendar.js';
export * from './time/service-level.js';
export * from './time/due.js';
// lifecycle:
export * from './handoff/lifecycle.js';
export * from './handoff/patron-timeline.js';
// escalation:
export * from './handoff/escalation.js';
export * from './handoff/due-time.js';
export * from './team/liaison-teams.js';
export * from './team/cover.js';
export * from './team/return-summary.js';
export * from './team/away-request.js';
// purchase: the zod-free rules (also the entry @liaison/core/batch), then the policy sections' schemas.
export * from './ill/batch.js';
export * from './ill/purchase-policy.js';
export * from './ill/export-policy.js';
export * from './ill/demand-window.js';
// rubric:
export * from './rubric/schema.js';
export * from './rubric/channel.js';
export * from './rubric/score.js';
export * from './rubric/builtin/index.js';
// statistics:
export * from './statistics/confidence.js';
export * from './statistics/aggregate.js';
export * from './statistics/alpha.js';
export * from './statistics/percentile.js';
// privacy:
export * from './patron/privacy.js';
export * from './patron/redact.js';
export * from './patron/feedback.js';
export * from './quality/peer-review-sample.js';
// insight:
export * from './insight/taxonomy.js';
export * from './insight/tag.js';
export * from './insight/weekly.js';
export * from './insight/poisson.js';
export * from './insight/spike.js';
