import { isOpen, isOverdue, patronQuestion, patronTimeline, type Handoff, type HandoffState, type Policy } from '@liaison/core';

/** How each state reads to a patron: plain words, no internal workflow. */
const patronWords: Record<HandoffState, { label: string; detail: string }> = {
  open: { label: 'Received', detail: 'Your question has reached the right team and is waiting to be picked up.' },
  accepted: { label: 'In progress', detail: 'Someone is working on your question.' },
  waiting_on_patron: { label: 'Waiting for you', detail: 'We have asked you for more information; please check your e-mail.' },
  waiting_on_vendor: { label: 'Waiting on a supplier', detail: 'We are waiting to hear back from a supplier or partner library.' },
  returned: { label: 'In progress', detail: 'Your question is being looked at again by the team that first received it.' },
  resolved: { label: 'Answered', detail: 'Your question has been answered. If something is still not right, reply to our last message.' },
  cancelled: { label: 'Closed', detail: 'This request was closed. Contact the library if you still need help.' },
};

const escapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => escapes[c] ?? c);

/** The status page's one inline style; its hash is what the page's Content-Security-Policy allows. */
export const statusPageStyle = `
body{font:16px/1.5 system-ui,sans-serif;margin:0;background:#f6f7f9;color:#1d2330}
main{max-width:36rem;margin:3rem auto;padding:2rem;background:#fff;border-radius:12px;box-shadow:0 1px 3px #0002}
h1{font-size:1.25rem;margin:0 0 1rem} h2{font-size:1.05rem;margin:2rem 0 .5rem}
.state{display:inline-block;padding:.25rem .75rem;border-radius:999px;background:#e8eefc;color:#1a3d8f;font-weight:600}
.late{padding:.75rem 1rem;border-radius:8px;background:#fff4e5;color:#7a4100}
.notice{padding:.75rem 1rem;border-radius:8px;background:#eef7ee;color:#1f5f23} .problem{background:#fdecec;color:#8a1c1c}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.5rem 1rem;margin:1.5rem 0 0} dt{color:#5a6273}
ol.timeline{list-style:none;padding:0;margin:0;border-left:3px solid #c9d3ea} ol.timeline li{margin:0 0 .75rem;padding-left:1rem}
ol.timeline time{display:block;color:#5a6273;font-size:.875rem}
fieldset{border:0;padding:0;margin:0} legend{font-weight:600;margin-bottom:.5rem}
.scale{display:flex;gap:.75rem;flex-wrap:wrap} .scale label{display:flex;flex-direction:column;align-items:center;font-size:.875rem}
textarea{width:100%;min-height:5rem;font:inherit;box-sizing:border-box} button{font:inherit;padding:.5rem 1.25rem;margin-top:.75rem}
.hint{color:#5a6273;font-size:.875rem}
`;

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>${escapeHtml(title)}</title>
<style>${statusPageStyle}</style></head><body><main>${body}</main></body></html>`;
}

/** Formats instants in the library's time zone with its abbreviation ("… at 10:00 AM CDT"): patrons may be elsewhere. */
function libraryTime(timeZone: string): { format(date: Date): string } {
  const dateTime = new Intl.DateTimeFormat('en-US', { timeZone, dateStyle: 'full', timeStyle: 'short' });
  // dateStyle cannot be combined with timeZoneName, so the zone's name comes from a second formatter.
  const zone = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'short' });
  return {
    format: (date) => `${dateTime.format(date)} ${zone.formatToParts(date).find((part) => part.type === 'timeZoneName')?.value ?? timeZone}`,
  };
}

/** What the page says about the patron's question (rating) for this hand-off. */
export type PatronQuestionView =
  | { kind: 'none' }
  | { kind: 'ask'; problem?: string; rating?: number; comment?: string }
  | { kind: 'answered'; rating: number; notice?: string };

export interface StatusPageView {
  now: Date;
  /** The path the form posts to: the page's own. */
  path: string;
  question: PatronQuestionView;
}

/** The status page of one hand-off, as its patron may see it. */
export function renderStatusPage(handoff: Handoff, policy: Policy, view: StatusPageView): string {
  const words = patronWords[handoff.state];
  const departmentName = (id: string) => policy.departments.find((d) => d.id === id)?.name ?? 'the library';
  const timeZone = policy.library.time_zone;
  const when = libraryTime(timeZone);
  const rows: [string, string][] = [
    ['Request', handoff.id],
    ['Handled by', departmentName(handoff.department)],
    ['Last update', when.format(new Date(handoff.updatedAt))],
  ];
  const late = isOverdue(handoff, view.now);
  // A due time only while the department owes the answer (a returned question has none yet), and
  // one already past is not shown as if it still held: the page says it is late instead.
  if (isOpen(handoff.state) && !late) rows.push(['Expected by', when.format(new Date(handoff.dueAt))]);
  const lateNotice = late
    ? `<p class="late"><strong>Later than we hoped.</strong> We meant to answer by ${escapeHtml(when.format(new Date(handoff.dueAt)))}. It is taking longer than that; your question is still with ${escapeHtml(departmentName(handoff.department))} and has not been forgotten.</p>`
    : '';
  const steps = patronTimeline(handoff, departmentName);
  const timeline = `<h2>Where your question is</h2><ol class="timeline">${steps
    .map((step) => `<li data-step="${step.kind}">${escapeHtml(step.label)}<time datetime="${escapeHtml(step.at)}">${escapeHtml(when.format(new Date(step.at)))}</time></li>`)
    .join('')}</ol>`;
  return page(
    `${policy.library.name}: request ${handoff.id}`,
    `<h1>${escapeHtml(policy.library.name)}</h1>
<p><span class="state">${escapeHtml(words.label)}</span></p>
<p>${escapeHtml(words.detail)}</p>
${lateNotice}
<dl>${rows.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd>`).join('')}</dl>
${timeline}
${renderQuestion(view)}
${renderContact(policy)}`,
  );
}

function renderQuestion(view: StatusPageView): string {
  const question = view.question;
  if (question.kind === 'none') return '';
  if (question.kind === 'answered') {
    return `<section id="your-answer"><h2>Thank you</h2>${question.notice ? `<p class="notice">${escapeHtml(question.notice)}</p>` : ''}<p>You told us: <strong>${question.rating} of ${patronQuestion.max}</strong> to "${escapeHtml(patronQuestion.text)}". It helps us improve.</p></section>`;
  }
  const choices = Array.from({ length: patronQuestion.max - patronQuestion.min + 1 }, (_, i) => patronQuestion.min + i)
    .map((value) => {
      const label = patronQuestion.labels[value];
      const checked = question.rating === value ? ' checked' : '';
      return `<label><input type="radio" name="rating" value="${value}" required${checked}>${value}${label ? ` <span>${escapeHtml(label)}</span>` : ''}</label>`;
    })
    .join('');
  return `<section id="your-answer"><h2>Tell us how we did</h2>
${question.problem ? `<p class="notice problem" role="alert">${escapeHtml(question.problem)}</p>` : ''}
<form method="post" action="${escapeHtml(view.path)}">
<fieldset><legend>${escapeHtml(patronQuestion.text)}</legend><div class="scale">${choices}</div></fieldset>
<p><label for="comment">Anything you would like to add? (optional)</label>
<textarea id="comment" name="comment" maxlength="${patronQuestion.commentMaxLength}">${escapeHtml(question.comment ?? '')}</textarea></p>
<p class="hint">Please leave out your e-mail address and card number; if you include them, we hide them. You can answer once.</p>
<button type="submit">Send</button>
</form></section>`;
}

function renderContact(policy: Policy): string {
  const contact = policy.library.contact;
  const lines = [
    contact?.email ? `E-mail: <a href="mailto:${escapeHtml(contact.email)}">${escapeHtml(contact.email)}</a>` : '',
    contact?.phone ? `Phone: ${escapeHtml(contact.phone)}` : '',
    contact?.url ? `Web: <a href="${escapeHtml(contact.url)}" rel="noopener noreferrer">${escapeHtml(contact.url)}</a>` : '',
  ].filter(Boolean);
  return `<h2>Contact the library</h2>${lines.map((line) => `<p>${line}</p>`).join('')}<p class="hint">Times on this page are in the library's time zone, ${escapeHtml(policy.library.time_zone)}.</p>`;
}

/** A polite page for an answer the status page cannot take (already answered, no longer asked). */
export function renderStatusMessage(libraryName: string, title: string, message: string, backPath: string): string {
  return page(
    `${libraryName}: ${title}`,
    `<h1>${escapeHtml(libraryName)}</h1><h2>${escapeHtml(title)}</h2><p>${escapeHtml(message)}</p><p><a href="${escapeHtml(backPath)}">Back to your request</a></p>`,
  );
}

export function renderStatusNotFound(libraryName: string): string {
  return page(
    `${libraryName}: request not found`,
    `<h1>${escapeHtml(libraryName)}</h1><p>We could not find this request. The link may be mistyped, or the request may be too old to show.</p>`,
  );
}
