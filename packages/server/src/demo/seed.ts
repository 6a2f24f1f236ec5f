import type { Actor, HandoffEventInput, Policy } from '@liaison/core';
import type { Store } from '@liaison/store';
import type { Logger } from 'pino';
import { createHandoffService, type CreateHandoffInput } from '../hub/handoff-service.js';

/** A question as the demo library's staff might pass it on, and what happened to it since. */
interface DemoHandoff {
  hoursAgo: number;
  from: string;
  input: CreateHandoffInput;
  then?: { afterHours: number; event: HandoffEventInput; by: 'owner' | 'sender' }[];
}

const staff: Record<string, Actor> = {
  reference: { id: 'U-DEMO-REF', name: 'Priya (Research & Reference)', departments: ['reference'], kind: 'staff' },
  circulation: { id: 'U-DEMO-CIRC', name: 'Jordan (Circulation)', departments: ['circulation'], kind: 'staff' },
  eresources: { id: 'U-DEMO-ERES', name: 'Sam (E-Resources)', departments: ['eresources'], kind: 'staff' },
  ill: { id: 'U-DEMO-ILL', name: 'Kim (Interlibrary Loan)', departments: ['ill'], kind: 'staff' },
  acquisitions: { id: 'U-DEMO-ACQ', name: 'Lee (Acquisitions)', departments: ['acquisitions'], kind: 'staff' },
  'special-collections': { id: 'U-DEMO-SPC', name: 'Rosa (Special Collections)', departments: ['special-collections'], kind: 'staff' },
};

const handoffs: DemoHandoff[] = [
  { hoursAgo: 2, from: 'reference', input: { question: 'Patron gets a login loop on EZproxy when opening JSTOR from off-campus.', channel: 'chat', patron: { email: 'amara.okafor@northfield.edu', patronType: 'Graduate' } } },
  { hoursAgo: 30, from: 'reference', input: { question: 'The link resolver sends every ScienceDirect article to a "no full text" page since this morning.', channel: 'email' }, then: [{ afterHours: 1, event: { type: 'accepted' }, by: 'owner' }] },
  { hoursAgo: 5, from: 'circulation', input: { question: 'Where is my interlibrary loan? I requested it three weeks ago and it still says Request Sent.', channel: 'desk', patron: { email: 'amara.okafor@northfield.edu', patronType: 'Graduate' }, links: { illTransactionNumber: '482031' } } },
  { hoursAgo: 50, from: 'reference', input: { question: 'Faculty member asks us to buy a second copy of a course text for reserves; students keep requesting it.', channel: 'email', patron: { email: 'mei-lin.chen@northfield.edu', patronType: 'Faculty' } }, then: [{ afterHours: 3, event: { type: 'accepted' }, by: 'owner' }, { afterHours: 20, event: { type: 'waiting_on_vendor', note: 'Ordered from the vendor; awaiting shipment.' }, by: 'owner' }] },
  { hoursAgo: 8, from: 'reference', input: { question: 'Patron blocked for fines wants to know why they cannot renew; says the lost book was returned.', channel: 'phone', patron: { email: 'mateo.reyes@northfield.edu', patronType: 'Undergraduate' } } },
  { hoursAgo: 75, from: 'circulation', input: { question: 'Visiting researcher wants to see the 1890s mill workers\' letters in the archives next week.', channel: 'email' }, then: [{ afterHours: 2, event: { type: 'accepted' }, by: 'owner' }, { afterHours: 26, event: { type: 'resolved', resolution: 'Reading room appointment booked for Tuesday 10:00; boxes 3-5 pulled.' }, by: 'owner' }] },
  { hoursAgo: 100, from: 'reference', input: { question: 'Embargo question: the 2026 issues of Journal of Rural Studies are not yet available in our aggregator.', channel: 'chat' }, then: [{ afterHours: 4, event: { type: 'accepted' }, by: 'owner' }, { afterHours: 30, event: { type: 'resolved', resolution: 'Twelve-month embargo on the aggregator; offered ILL for the two articles.' }, by: 'owner' }] },
  { hoursAgo: 26, from: 'reference', input: { question: 'Off-campus access to Web of Science fails with "institution not recognised" through OpenAthens.', channel: 'email' } },
  { hoursAgo: 3, from: 'circulation', input: { question: 'Patron asks whether an overdue charge can be waived; they were in hospital.', channel: 'desk', patron: { barcode: '21234004010377', patronType: 'Undergraduate' } } },
  { hoursAgo: 12, from: 'reference', input: { question: 'Request to purchase a recent monograph on watershed governance that three students have borrowed through ILL.', channel: 'email', links: { illTransactionNumber: '482114' } } },
  { hoursAgo: 40, from: 'ill', input: { question: 'Lending library asks for a replacement copy of a damaged book we returned; need a decision on payment.', channel: 'email' }, then: [{ afterHours: 2, event: { type: 'returned', reason: 'This is for ILL billing, not acquisitions; please route to the ILL supervisor.' }, by: 'owner' }] },
  { hoursAgo: 6, from: 'reference', input: { question: 'Catalog search for "Toni Morrison" returns no results in Primo since the update.', channel: 'chat' } },
];

/**
 * Loads the demo library's hand-offs into an empty store: real routing, real due times in library
 * hours, and histories that walk the lifecycle — so a new user sees queues, overdue flags and a
 * resolved case at once. Does nothing when the store already has hand-offs.
 */
export async function seedDemoData(store: Store, policy: Policy, now: Date, logger: Logger): Promise<number> {
  const existing = await store.handoffs.list({ limit: 1, withHistory: false });
  if (existing.length > 0) return 0;
  let clock = now;
  const service = createHandoffService({ store, policy, clock: () => clock, logger, publicUrl: '' });
  let created = 0;
  for (const item of handoffs) {
    const sender = staff[item.from] ?? staff['reference']!;
    clock = new Date(now.getTime() - item.hoursAgo * 3_600_000);
    const { handoff } = await service.create({ ...item.input, fromDepartment: item.from }, sender);
    created++;
    for (const step of item.then ?? []) {
      clock = new Date(now.getTime() - (item.hoursAgo - step.afterHours) * 3_600_000);
      const owner = staff[handoff.department] ?? sender;
      await service.applyEvent(handoff.id, step.event, step.by === 'owner' ? owner : sender);
    }
  }
  return created;
}
