import { z } from 'zod';
import {
  applyHandoffEvent,
  createHandoff,
  linkUrlProblem,
  dueAt,
  routeHandoff,
  type Actor,
  type Handoff,
  type HandoffEventInput,
  type HandoffState,
  type Policy,
  queryChannels,
  restartedClock,
  routeToChosenDepartment,
  liaisonTeamFor,
  localDateOf,
  routeToLiaison,
  LiaisonError,
} from '@liaison/core';
import type { Logger } from 'pino';
import { HandoffConflictError, IdempotencyKeyReusedError, type Store } from '@liaison/store';
import { requestFingerprint } from './canonical-json.js';
import { parseInput } from './http-error.js';
import type { PatronTypeAnswer, PatronTypeLookup } from './patron-type.js';


/** The body of `POST /api/v1/handoffs` (and what Slack, Zendesk and the extension send). */
export const createHandoffBody = z
  .object({
    question: z.string().trim().min(1, 'write the patron\'s question').max(4000, 'keep the question under 4,000 characters'),
    summary: z.string().trim().max(200).optional(),
    department: z.string().trim().min(1).optional(),
    category: z.string().trim().max(100).optional(),
    channel: z.enum(queryChannels).optional(),
    fromDepartment: z.string().trim().optional(),
    patron: z
      .object({
        email: z.email('patron.email is not an e-mail address').optional(),
        barcode: z.string().trim().min(1).max(40).optional(),
        patronType: z.string().trim().max(80).optional(),
        /** The patron's department, school or group, as the ILS names it; looked up when left out. */
        affiliation: z.string().trim().max(120).optional(),
      })
      .strict()
      .optional(),
    links: z
      .object({
        zendeskTicket: z.string().trim().max(200).optional(),
        illTransactionNumber: z.string().trim().max(40).optional(),
        slackPermalink: z.url().optional(),
        url: z.url().optional(),
      })
      .strict()
      .optional(),
    note: z.string().trim().max(4000).optional(),
  })
  .strict();
export type CreateHandoffInput = z.infer<typeof createHandoffBody>;

/** The body of `POST /api/v1/handoffs/:id/events`. */
export const handoffEventBody = z.discriminatedUnion('type', [
  z.object({ type: z.literal('accepted') }).strict(),
  z.object({ type: z.literal('info_requested'), note: z.string().trim().min(1, 'say what information is needed') }).strict(),
  z.object({ type: z.literal('waiting_on_vendor'), note: z.string().trim().optional() }).strict(),
  z.object({ type: z.literal('info_received'), note: z.string().trim().optional() }).strict(),
  z.object({ type: z.literal('resumed'), note: z.string().trim().optional() }).strict(),
  z.object({ type: z.literal('returned'), reason: z.string().trim().min(1, 'say why it goes back') }).strict(),
  z.object({ type: z.literal('reassigned'), toDepartment: z.string().trim().min(1), toOwner: z.string().trim().nullable().optional(), reason: z.string().trim().optional() }).strict(),
  z.object({ type: z.literal('resolved'), resolution: z.string().trim().min(1, 'say how it was resolved') }).strict(),
  z.object({ type: z.literal('cancelled'), reason: z.string().trim().min(1, 'say why it is cancelled') }).strict(),
  z.object({ type: z.literal('reopened'), reason: z.string().trim().min(1, 'say why it is reopened') }).strict(),
  z.object({ type: z.literal('noted'), note: z.string().trim().min(1) }).strict(),
]);

export interface ListHandoffsFilter {
  departments?: string[];
  states?: HandoffState[];
  owner?: string;
  sender?: string;
  overdueOnly?: boolean;
  limit?: number;
}

/** The body of `POST /api/v1/route`: a question to route, nothing stored. */
export const routeBody = z
  .object({
    question: z.string().trim().min(1, 'write the question to route').max(4000),
    category: z.string().trim().max(100).optional(),
    channel: z.enum(queryChannels).optional(),
    patronType: z.string().trim().max(80).optional(),
  })
  .strict();

export interface RouteSuggestion {
  department: string;
  departmentName: string;
  serviceLevel: string;
  responsibility: 'passed' | 'retained';
  ruleId: string;
  explanation: string;
  /** When it would be due if sent now, in library hours (ISO 8601). */
  dueAt: string;
}

/** What the scheduler sends a department lead when a new hand-off's whole liaison team is away. */
export interface TeamAwayAlert {
  handoffId: string;
  lead: string;
  reason: string;
}

export interface CreatedHandoff {
  handoff: Handoff;
  isReplay: boolean;
  /** The status-page token of a hand-off created just now (a replay does not carry it: read it with `statusLink`). */
  statusToken?: string;
}

export interface HandoffService {
  /** Where the routing rules would send a question, and when it would be due; nothing is stored. */
  suggest(input: z.infer<typeof routeBody>): RouteSuggestion;
  /** Routes, computes the due time in library hours, stores; a retried key returns the first result. */
  create(input: CreateHandoffInput, actor: Actor, options?: { idempotencyKey?: string }): Promise<CreatedHandoff>;
  /** Applies one lifecycle event; an illegal one is a 409 that says why. */
  applyEvent(id: string, event: HandoffEventInput, actor: Actor): Promise<Handoff>;
  get(id: string): Promise<Handoff | null>;
  list(filter: ListHandoffsFilter): Promise<Handoff[]>;
  /** The patron-facing status link, when the policy allows one; `statusToken` saves reading it again when the caller has it. */
  statusLink(handoff: Handoff, statusToken?: string): Promise<string | null>;
  parseCreate(body: unknown): CreateHandoffInput;
  parseEvent(body: unknown): HandoffEventInput;
}

export function createHandoffService(deps: {
  store: Store;
  policy: Policy;
  clock: () => Date;
  logger: Logger;
  publicUrl: string;
  /** Asks the library's systems for the type of a patron given only by e-mail or barcode. */
  lookUpPatronType?: PatronTypeLookup;
}): HandoffService {
  const { store, policy, clock } = deps;
  const departmentIds = new Set(policy.departments.map((d) => d.id));

  function chooseRoute(input: CreateHandoffInput) {
    const routed = routeHandoff(
      { text: input.question, category: input.category, patronType: input.patron?.patronType, channel: input.channel },
      policy.handoff.rules,
    );
    if (!input.department) return routed;
    if (!departmentIds.has(input.department)) {
      throw new LiaisonError('unknown_department', `There is no department "${input.department}"; the policy has ${[...departmentIds].join(', ')}.`, [
        { path: ['department'], message: 'unknown department' },
      ]);
    }
    return routeToChosenDepartment(routed, input.department, policy.handoff);
  }

  /**
   * The patron's type, when staff gave an e-mail or barcode but no type: from the library's
   * systems, asked before anything is stored (no transaction waits on a network call).
   */
  async function withReportedPatronType(input: CreateHandoffInput): Promise<{ routed: CreateHandoffInput; note?: string }> {
    const patron = input.patron;
    if (!deps.lookUpPatronType || !patron || patron.patronType || (!patron.email && !patron.barcode)) return { routed: input };
    const answer: PatronTypeAnswer = await deps.lookUpPatronType({ email: patron.email, barcode: patron.barcode });
    if (answer.kind === 'found') {
      // The affiliation the ILS reports comes along: it picks the patron's liaison team.
      const affiliation = patron.affiliation ?? answer.affiliation;
      return {
        routed: { ...input, patron: { ...patron, patronType: answer.patronType, ...(affiliation ? { affiliation } : {}) } },
        note: `The patron type "${answer.patronType}" is as ${answer.source} reports it.`,
      };
    }
    if (answer.kind === 'not_found') return { routed: input, note: "The library's systems do not know this patron, so the hand-off was routed without a patron type." };
    return { routed: input, note: `The patron type could not be looked up (${answer.reason}), so the hand-off was routed without one.` };
  }

  async function create(input: CreateHandoffInput, actor: Actor, options: { idempotencyKey?: string } = {}): Promise<CreatedHandoff> {
    // Links are shown as links on every surface: https only (http where the policy allows), nothing that ends a Slack link early.
    for (const field of ['url', 'slackPermalink'] as const) {
      const url = input.links?.[field];
      const problem = url === undefined ? null : linkUrlProblem(url, { allowHttp: policy.handoff.allow_http_links });
      if (problem) throw new LiaisonError('invalid_request', `links.${field} ${problem}.`, [{ path: ['links', field], message: problem }]);
    }
    const { routed, note: patronTypeNote } = await withReportedPatronType(input);
    const now = clock();
    const route = chooseRoute(routed);
    const serviceLevel = String(route.serviceLevel);
    // The patron's liaison team, and who covers for its primary today (core's rule).
    const affiliation = routed.patron?.affiliation;
    const team = affiliation ? liaisonTeamFor([affiliation], policy.liaison_teams) : undefined;
    const awayPeriods = team ? await store.away.listEndingOnOrAfter(localDateOf(now, policy.library.time_zone)) : [];
    const department = policy.departments.find((candidate) => candidate.id === (team?.department ?? route.department));
    const liaison = routeToLiaison(team, { department, awayPeriods, now, timeZone: policy.library.time_zone });
    const explanation = [route.explanation, patronTypeNote, liaison?.liaison.away?.reason].filter(Boolean).join(' ');
    const draft = createHandoff(
      {
        id: 'pending',
        question: input.question,
        summary: input.summary,
        department: route.department,
        fromDepartment: input.fromDepartment,
        serviceLevel,
        dueAt: dueAt(now, serviceLevel, policy.library),
        responsibility: route.responsibility,
        sender: actor,
        patron: routed.patron ?? null,
        links: input.links ?? {},
        routing: { ruleId: route.ruleId, explanation, ...(liaison && { liaison: liaison.liaison }) },
        channel: input.channel,
        category: input.category,
      },
      actor,
      now,
    );
    // A note from the sender travels as the first entry after `created` in the history.
    const withNote = input.note ? applyHandoffEvent(draft, { type: 'noted', note: input.note }, actor, now) : null;
    const { id: _pendingId, ...written } = withNote?.ok ? withNote.value : draft;
    // Routed to the patron's liaison (or whoever covers): theirs from the start, so nothing waits on someone away.
    const newHandoff = liaison ? { ...written, owner: liaison.owner } : written;
    // Nobody on the team is here: the lead hears now, not at the first reminder. A job keyed by the
    // hand-off, so exactly one hub tells them, once.
    const tellLead = async (handoff: Handoff) => {
      if (!liaison?.tellLeadNow) return;
      await store.jobs.scheduleJob<TeamAwayAlert>('team-away-alert', handoff.id, now, { handoffId: handoff.id, lead: liaison.tellLeadNow, reason: liaison.reason.message });
    };
    if (!options.idempotencyKey) {
      const created = await store.handoffs.create(newHandoff);
      await tellLead(created.handoff);
      return { handoff: created.handoff, isReplay: false, statusToken: created.statusToken };
    }
    // The key is stored with the hand-off, in the same statement: a retried delivery gets the first one back.
    // Keys are the caller's own: two surfaces that happen to pick the same key never see each other's hand-off.
    // The same key with another body is a new hand-off sent with an old key: refused, not answered with the first.
    try {
      const created = await store.handoffs.create(newHandoff, {
        scope: `handoff.create:${actor.id}`,
        key: options.idempotencyKey,
        now,
        fingerprint: requestFingerprint(input),
      });
      if (created.replayed) return { handoff: created.response, isReplay: true };
      await tellLead(created.handoff);
      return { handoff: created.handoff, isReplay: false, statusToken: created.statusToken };
    } catch (error) {
      if (!(error instanceof IdempotencyKeyReusedError)) throw error;
      // The first hand-off is the caller's own (keys are scoped per caller), so its number may be told.
      const first = error.firstResponse as Handoff | null;
      throw new LiaisonError('idempotency_key_reused',
        `The Idempotency-Key "${options.idempotencyKey}" was already used for a different hand-off${first ? ` (${first.id})` : ''}. Send a new key for a new hand-off; resend the same body to retry the first.`,
        [],
        { details: first ? { handoffId: first.id } : {} },
      );
    }
  }

  async function applyEvent(id: string, event: HandoffEventInput, actor: Actor): Promise<Handoff> {
    if (event.type === 'reassigned' && !departmentIds.has(event.toDepartment)) {
      throw new LiaisonError('unknown_department', `There is no department "${event.toDepartment}"; the policy has ${[...departmentIds].join(', ')}.`);
    }
    // Optimistic concurrency: two staff clicking at once must not both win; re-read once and re-judge.
    for (let attempt = 0; attempt < 3; attempt++) {
      const current = await store.handoffs.get(id);
      if (!current) throw new LiaisonError('handoff_not_found', `There is no hand-off ${id}.`);
      const now = clock();
      const result = applyHandoffEvent(current, event, actor, now, restartedClock(current, event, policy.handoff, policy.library, now));
      // The lifecycle's own error, its issues and hint included: the hub's handler and the Slack port word it.
      if (!result.ok) throw result.error;
      const newEvents = result.value.history.slice(current.history.length);
      try {
        return await store.handoffs.appendEvents(id, current.history.length, newEvents, result.value);
      } catch (error) {
        if (!(error instanceof HandoffConflictError)) throw error;
      }
    }
    throw new LiaisonError('handoff_conflict', `${id} changed while this was being saved; reload it and try again.`);
  }

  function suggest(input: z.infer<typeof routeBody>): RouteSuggestion {
    const route = chooseRoute({ question: input.question, category: input.category, channel: input.channel, patron: input.patronType ? { patronType: input.patronType } : undefined });
    const serviceLevel = String(route.serviceLevel);
    return {
      department: route.department,
      departmentName: policy.departments.find((d) => d.id === route.department)?.name ?? route.department,
      serviceLevel,
      responsibility: route.responsibility,
      ruleId: route.ruleId,
      explanation: route.explanation,
      dueAt: dueAt(clock(), serviceLevel, policy.library).toISOString(),
    };
  }

  return {
    suggest,
    create,
    applyEvent,
    get: async (id) => (await store.handoffs.get(id)) ?? null,
    list: (filter) =>
      store.handoffs.list({
        departments: filter.departments,
        states: filter.states,
        owner: filter.owner,
        sender: filter.sender,
        overdue: filter.overdueOnly,
        limit: filter.limit,
        order: 'overdue-first',
        now: clock(),
      }),
    async statusLink(handoff, statusToken) {
      if (!policy.privacy.patron_status_link) return null;
      const token = statusToken ?? (await store.handoffs.statusToken(handoff.id));
      if (!token) return null;
      return `${deps.publicUrl.replace(/\/$/, '')}/s/${token}`;
    },
    parseCreate: (body) => parseInput(createHandoffBody, body, 'hand-off'),
    parseEvent: (body) => parseInput(handoffEventBody, body, 'event') as HandoffEventInput,
  };
}
