/** A small library policy for the Slack app's tests: the Northfield example's departments and hours. */
import { libraryCalendarSchema, privacyPolicySchema, type Handoff } from '@liaison/core';
import type { SlackPolicy } from '../library.js';

export function testPolicy(privacy: Record<string, unknown> = {}): SlackPolicy {
  return {
    library: {
      name: 'Northfield University Library',
      ...libraryCalendarSchema.parse({
        time_zone: 'America/Chicago',
        opening_hours: { monday: '07:30-24:00', tuesday: '07:30-24:00', wednesday: '07:30-24:00', thursday: '07:30-24:00', friday: '07:30-20:00', saturday: '10:00-18:00', sunday: '12:00-24:00' },
        holidays: [],
      }),
    },
    departments: [
      { id: 'reference', name: 'Research & Reference', slack_channel: '#ask-reference', lead: 'U024REFLEAD', members: ['U024REF0001'] },
      { id: 'eresources', name: 'Electronic Resources', slack_channel: '#e-resources', lead: 'U024ERMLEAD', members: ['U024ERM0001'] },
      { id: 'ill', name: 'Interlibrary Loan & Document Delivery', slack_channel: '#ill-team', lead: 'U024ILLLEAD' },
    ],
    privacy: privacyPolicySchema.parse(privacy),
    handoff: { head_of_service: 'U024HEAD' },
  };
}

/** A hand-off as the hub stores it, open, sent from reference to e-resources. */
export function testHandoff(fields: Partial<Handoff> = {}): Handoff {
  const createdAt = '2026-10-13T15:00:00.000Z';
  return {
    id: 'H-1042',
    state: 'open',
    question: 'Patron gets a proxy error opening JSTOR off campus',
    summary: 'Proxy error on JSTOR off campus',
    department: 'eresources',
    owner: null,
    sender: { id: 'U024REF0001', name: 'Pat', kind: 'staff' },
    responsibility: 'passed',
    serviceLevel: '4 opening hours',
    createdAt,
    dueAt: '2026-10-13T19:00:00.000Z',
    updatedAt: createdAt,
    patron: { email: 'ana.ruiz@northfield.edu', patronType: 'Graduate' },
    links: { zendeskTicket: '48213' },
    routing: { ruleId: 'off-campus-access', explanation: 'Rule "off-campus-access" matched the word "proxy".' },
    history: [{ sequence: 1, type: 'created', at: createdAt, actor: { id: 'U024REF0001', name: 'Pat' }, from: null, to: 'open' }],
    ...fields,
  };
}
