import { isOpen, type Handoff, type HandoffState, type Policy } from '@liaison/core';

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
h1{font-size:1.25rem;margin:0 0 1rem} .state{display:inline-block;padding:.25rem .75rem;border-radius:999px;background:#e8eefc;color:#1a3d8f;font-weight:600}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.5rem 1rem;margin:1.5rem 0 0} dt{color:#5a6273}
`;

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>${escapeHtml(title)}</title>
<style>${statusPageStyle}</style></head><body><main>${body}</main></body></html>`;
}

/** The status page of one hand-off, as its patron may see it. */
export function renderStatusPage(handoff: Handoff, policy: Policy): string {
  const words = patronWords[handoff.state];
  const department = policy.departments.find((d) => d.id === handoff.department)?.name ?? 'the library';
  const when = new Intl.DateTimeFormat('en-US', { timeZone: policy.library.time_zone, dateStyle: 'full', timeStyle: 'short' });
  const rows = [
    ['Request', handoff.id],
    ['Handled by', department],
    ['Last update', when.format(new Date(handoff.updatedAt))],
    // A due time only while the department owes the answer; a returned question has none yet.
    ...(isOpen(handoff.state) ? [['Expected by', when.format(new Date(handoff.dueAt))]] : []),
  ];
  return page(
    `${policy.library.name}: request ${handoff.id}`,
    `<h1>${escapeHtml(policy.library.name)}</h1>
<p><span class="state">${escapeHtml(words.label)}</span></p>
<p>${escapeHtml(words.detail)}</p>
<dl>${rows.map(([k, v]) => `<dt>${escapeHtml(k ?? '')}</dt><dd>${escapeHtml(v ?? '')}</dd>`).join('')}</dl>`,
  );
}

export function renderStatusNotFound(libraryName: string): string {
  return page(
    `${libraryName}: request not found`,
    `<h1>${escapeHtml(libraryName)}</h1><p>We could not find this request. The link may be mistyped, or the request may be too old to show.</p>`,
  );
}
