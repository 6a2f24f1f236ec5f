import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { compileTopics, insightTopics, maskContactDetails, patronAnswerSchema, patronQuestion, patronQuestionOffer, type Handoff } from '@liaison/core';
import type { HubContext } from '../create-hub.js';
import { withInlineStyle } from '../security-headers.js';
import { renderStatusMessage, renderStatusNotFound, renderStatusPage, statusPageStyle, type PatronQuestionView } from '../status-page.js';

type TokenRequest = FastifyRequest<{ Params: { token: string } }>;

/**
 * The patron-facing status of one hand-off, reached by an unguessable token: its state, where it
 * has been (department names only), the expected date or that it is late, the library's contact
 * details, and — once resolved — one question about how well it was answered. No staff notes, no
 * patron data. The token in the URL is the only capability: the rating form posts back to the
 * same path, so a page elsewhere cannot post for a patron without knowing the token.
 */
export function registerStatusPage(app: FastifyInstance, hub: HubContext): void {
  const topics = compileTopics(insightTopics(hub.policy.insights));
  const pageOptions = withInlineStyle(statusPageStyle);

  const findHandoff = async (request: TokenRequest, reply: FastifyReply): Promise<Handoff | undefined> => {
    reply.header('content-type', 'text/html; charset=utf-8');
    reply.header('cache-control', 'no-store');
    reply.header('referrer-policy', 'no-referrer');
    reply.header('x-robots-tag', 'noindex');
    const handoff = hub.policy.privacy.patron_status_link ? await hub.store.handoffs.getByStatusToken(request.params.token) : undefined;
    if (!handoff) reply.code(404);
    return handoff ?? undefined;
  };
  const pathOf = (request: TokenRequest) => `/s/${encodeURIComponent(request.params.token)}`;

  const questionFor = async (handoff: Handoff, now: Date): Promise<PatronQuestionView> => {
    const given = await hub.store.patronFeedback.find(handoff.id);
    if (given) return { kind: 'answered', rating: given.rating };
    return patronQuestionOffer(handoff, hub.policy.patron_feedback, now).ask ? { kind: 'ask' } : { kind: 'none' };
  };

  app.get<{ Params: { token: string } }>('/s/:token', pageOptions, async (request, reply) => {
    const handoff = await findHandoff(request, reply);
    if (!handoff) return renderStatusNotFound(hub.policy.library.name);
    const now = hub.clock();
    return renderStatusPage(handoff, hub.policy, { now, path: pathOf(request), question: await questionFor(handoff, now) });
  });

  // A plain HTML form POST (no script runs under the page's CSP), so only this scope reads form bodies.
  app.register(async (scope) => {
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(body as string)));
    });

    scope.post<{ Params: { token: string } }>('/s/:token', pageOptions, async (request, reply) => {
      const handoff = await findHandoff(request, reply);
      const library = hub.policy.library.name;
      if (!handoff) return renderStatusNotFound(library);
      const now = hub.clock();
      const path = pathOf(request);
      const parsed = patronAnswerSchema.safeParse(request.body ?? {});
      const given = await hub.store.patronFeedback.find(handoff.id);
      if (!given && !patronQuestionOffer(handoff, hub.policy.patron_feedback, now).ask) {
        reply.code(409);
        return renderStatusMessage(library, 'We are not asking about this request', 'Thank you for wanting to tell us. We are not collecting answers about this request (it is not answered yet, or it was answered a while ago). You can still contact the library.', path);
      }
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        reply.code(400);
        const field = issue?.path[0] === 'comment' ? 'Your comment' : 'Your answer';
        const problem = `${field} ${issue?.message ?? 'could not be read'}.`;
        if (given) return renderStatusPage(handoff, hub.policy, { now, path, question: { kind: 'answered', rating: given.rating } });
        return renderStatusPage(handoff, hub.policy, { now, path, question: { kind: 'ask', problem, ...formValues(request.body) } });
      }
      const comment = parsed.data.comment === undefined ? null : maskContactDetails(parsed.data.comment);
      const { created, record } = given
        ? { created: false, record: given }
        : await hub.store.patronFeedback.record({
            handoffId: handoff.id,
            department: handoff.department,
            topics: topics.tag(handoff.question).map((tag) => tag.topicId),
            rating: parsed.data.rating,
            comment,
            answeredAt: now,
          });
      // The same answer sent again (a retried POST, a double click) is the one already kept: show it.
      const sameAnswer = record.rating === parsed.data.rating && record.comment === comment;
      if (created || sameAnswer) {
        if (created) hub.logger.info({ handoff: handoff.id, rating: record.rating }, 'patron answered the status page question');
        return reply.code(303).header('location', `${path}#your-answer`).send('');
      }
      reply.code(409);
      return renderStatusPage(handoff, hub.policy, {
        now,
        path,
        question: { kind: 'answered', rating: record.rating, notice: 'You have already answered for this request, so we kept your first answer. Thank you — we only ask once.' },
      });
    });
  });
}

/** What the patron had entered, to show again with a problem, without trusting its shape. */
function formValues(body: unknown): { rating?: number; comment?: string } {
  const values = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const rating = Number(values.rating);
  return {
    ...(Number.isInteger(rating) && rating >= 1 && rating <= 5 ? { rating } : {}),
    ...(typeof values.comment === 'string' ? { comment: values.comment.slice(0, patronQuestion.commentMaxLength) } : {}),
  };
}
