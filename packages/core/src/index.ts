// The public entry of @liaison/core: what the other packages use, by concept (as zod curates its
// entry). Internals (date arithmetic helpers, scanners, compiled forms) stay inside their modules;
// a surface needing a rule that is not here adds it to its concept's block. Workers and the
// browser extension import the zod-free purchase rules from '@liaison/core/batch' instead.

// Errors: one registry of codes (meaning, HTTP status, exit code), and every problem as data with a path and a hint.
export { isErrorCode, asLiaisonError, formatIssue, errorRegistry, errorCodes, LiaisonError, ok, err } from './errors.js';
export type { ErrorCodeDefinition, ErrorCode, Issue, Result, Reason } from './errors.js';

// The policy file (liaison.config.yaml): parse it once, frozen, with every problem and a did-you-mean.
export { parsePolicy, formatPolicyErrors, PolicyError } from './policy/parse.js';
export { policySchema } from './policy/schema.js';
export type { Policy } from './policy/schema.js';
export { policyWarnings } from './policy/warnings.js';
export { nearest } from './policy/suggest.js';
export { staffContactSchema } from './policy/departments.js';
export { connectorsSchema } from './policy/connectors.js';
export type { ConnectorsPolicy } from './policy/connectors.js';
export type { TeamsPolicy } from './policy/teams.js';
export { isAllowedWorkspace, isKnownStaff, namesStaffByEmail } from './policy/slack.js';
export type { SlackTrustPolicy, StaffRoster } from './policy/slack.js';
export { privacyPolicySchema } from './patron/privacy.js';
export type { PrivacyPolicy } from './patron/privacy.js';

// A hand-off and its lifecycle: the states, which are open or finished, the events each state allows.
export { handoffStates } from './handoff/handoff.js';
export type { HandoffState, Responsibility, Actor, HandoffEventInput, HandoffEvent, Handoff } from './handoff/handoff.js';
export { createHandoff, availableEvents, isOpen, isFinished, isOverdue, applyHandoffEvent, openStates, finishedStates, unfinishedStates } from './handoff/lifecycle.js';
export type { LifecycleEvent } from './handoff/lifecycle.js';
export { linkUrlProblem } from './handoff/link-url.js';
export { patronTimeline } from './handoff/patron-timeline.js';

// Routing: which department a question goes to, and at which service level.
export { routeHandoff, routeToChosenDepartment, queryChannels } from './handoff/route.js';
export type { RoutingRule, RoutingQuery, RoutingDecision } from './handoff/route.js';

// Library time: opening hours, holidays, service levels and due times, and the clock restart on reassign or reopen.
export { localDateOf, addCalendarDays, libraryCalendarSchema } from './time/calendar.js';
export type { LibraryCalendar } from './time/calendar.js';
export { parseServiceLevel } from './time/service-level.js';
export type { ServiceLevel } from './time/service-level.js';
export { dueAt, openMinutesBetween } from './time/due.js';
export { restartedClock } from './handoff/due-time.js';

// Escalation: which reminder rung is due, its words, its key (one per due time) and to whom it goes.
export { rungKey, reminderKey, remindersDue, markReminderSent, reminderRecipient } from './handoff/escalation.js';
export type { EscalationRecipient, Reminder } from './handoff/escalation.js';

// Liaison teams and time away: who covers whom now, and what happened while someone was away.
export { liaisonTeamFor, teamsWithoutBackup } from './team/liaison-teams.js';
export { whoCovers, reminderRecipientNow, routeToLiaison, hasAwayPassed } from './team/cover.js';
export type { AwayPeriod } from './team/cover.js';
export { checkAwayRequest } from './team/away-request.js';
export { returnSummary } from './team/return-summary.js';

// Buy or borrow: a borrowing request, its facts, the purchase policy and its verdict with reasons.
export type { BorrowingRequest, Fact, PurchaseFacts } from './ill/request.js';
export { defaultPurchasePolicy } from './ill/purchase-defaults.js';
export type { PurchasePolicy } from './ill/purchase-defaults.js';
export { formatMoney, compilePurchasePolicy, evaluatePurchase, purchaseVerdicts } from './ill/purchase.js';
export type { PurchaseVerdict, PurchaseReason, PurchaseEvaluation, PurchaseEvaluator } from './ill/purchase.js';
export { DemandCounter } from './ill/demand.js';
export { demandWindowStart } from './ill/demand-window.js';

// Reading ILL exports: ISBNs, title keys, creation dates, columns and encodings (also in @liaison/core/batch).
export { normalizeIsbn, isbn10FromIsbn13, extractIsbns } from './ill/isbn.js';
export { titleAndAuthorKey, titleKey } from './ill/title-key.js';
export type { DateOrder } from './ill/creation-date.js';
export type { ExportColumnNames } from './ill/export-fields.js';
export type { ExportEncoding } from './ill/export-encoding.js';

// Service quality: rubrics (built-in and the library's own), scoring an evaluation, and the peer-review sample.
export type { Rubric } from './rubric/schema.js';
export { evaluationChannels } from './rubric/channel.js';
export { scoreEvaluation } from './rubric/score.js';
export type { EvaluationScore } from './rubric/score.js';
export { getBuiltinRubric } from './rubric/builtin/index.js';
export { builtinRubricIds } from './rubric/builtin/ids.js';
export { drawPeerReviewSample } from './quality/peer-review-sample.js';
export type { ReviewCandidate, PeerReviewAssignment, PeerReviewDraw } from './quality/peer-review-sample.js';

// Honest numbers: intervals, small-sample suppression, percentiles, inter-rater agreement.
export { wilsonInterval } from './statistics/confidence.js';
export { summarizeScores } from './statistics/aggregate.js';
export { krippendorffAlpha } from './statistics/alpha.js';
export { percentile } from './statistics/percentile.js';

// The patron in context, and what each surface may show of it.
export type { PatronBlock, PatronContext } from './patron/context.js';
export { mergePatronContexts } from './patron/merge.js';
export { redactPatronContext, redactForSlackCard, maskContactDetails } from './patron/redact.js';
export type { RedactedIllRequests, RedactedPatronContext } from './patron/redact.js';
export { patronAuditKey, patronAuditKeys } from './patron/audit-key.js';

// The patron's voice: the one question after resolution, and its summaries.
export { feedbackBucket, patronQuestionOffer, summarizePatronAnswers, patronQuestion, patronAnswerSchema } from './patron/feedback.js';

// Insight: what questions are about, by week, and spikes.
export { insightTopics } from './insight/taxonomy.js';
export { compileTopics, tagTopics } from './insight/tag.js';
export { weeklyCounts } from './insight/weekly.js';
export type { TaggedItem } from './insight/weekly.js';
export { detectSpikes } from './insight/spike.js';
export type { TopicSpike } from './insight/spike.js';
