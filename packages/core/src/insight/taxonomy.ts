/**
 * The `insights` section of the policy file: the topics Liaison looks for in hand-offs and
 * tickets (a broken link resolver, a proxy outage, interlibrary loans running late), and when a
 * rise in one is worth telling the library about.
 *
 * Words match whole words or phrases, ignoring case and accents, exactly as routing rules do, so
 * a word behaves the same in both places. Plurals are not inferred: "fee" does not find "fees",
 * so the default lists name both. Words patrons also use in other senses ("fine", "ill",
 * "find it", "print", "bill", "lift") are written as phrases or left out, to keep the counts honest.
 */
import * as z from 'zod';
import { slugSchema } from '../policy/slug.js';

/** One topic: an id for URLs and logs, a label for people, and the words that signal it. */
export interface Topic {
  id: string;
  label: string;
  words: string[];
}

/** The topics every library starts with, written the way patrons write about them. */
export const defaultTopics: readonly Topic[] = [
  {
    id: 'link-resolver',
    label: 'Link resolver',
    words: [
      'link resolver', 'linkresolver', 'find it button', 'find it link', 'findit', 'get it button', 'SFX', '360 Link',
      'LibKey', 'OpenURL', 'full text link', 'full text links', 'link to full text', 'broken link', 'broken links',
      'dead link', 'link is broken', 'link was broken', "link doesn't work", 'link does not work', 'link not working',
      'link is not working', "link isn't working", 'links are broken', 'view full text', 'page not found',
    ],
  },
  {
    id: 'off-campus-access',
    label: 'Proxy / off-campus access',
    words: [
      'proxy', 'EZproxy', 'OpenAthens', 'Shibboleth', 'off-campus', 'from home', 'remote access', 'access from home',
      'VPN', 'login loop', 'keeps asking me to log in', 'keeps asking me to sign in', 'asked me to log in',
      'institutional login', 'sign in through my institution', 'asks me to pay', 'asked me to pay', 'wants me to pay',
      'paywall', 'access denied', 'not authorized', 'not authorised',
    ],
  },
  {
    id: 'embargo',
    label: 'Embargo / aggregator delay',
    words: [
      'embargo', 'embargoed', 'embargo period', 'not yet available', 'not available yet', 'moving wall', 'aggregator',
      'most recent issue', 'most recent issues', 'latest issue', 'latest issues', 'current issue', 'current issues',
      'only available after', 'delayed full text', '12 month delay', '12-month delay',
    ],
  },
  {
    id: 'discovery-search',
    label: 'Discovery search',
    words: [
      'Primo', 'EDS', 'EBSCO Discovery', 'Summon', 'WorldCat Discovery', 'OneSearch', 'library search', 'catalog search',
      'catalogue search', 'search the catalog', 'search the catalogue', 'no results',
      'zero results', '0 results', 'search results', "can't find it in the catalog", 'advanced search',
    ],
  },
  {
    id: 'ill-delay',
    label: 'Interlibrary loan delay',
    words: [
      'interlibrary loan', 'interlibrary loans', 'inter-library loan', 'interlibrary', 'ILLiad', 'ILL request',
      'ILL requests', 'ILL book', 'ILL article', 'my ILL', 'through ILL', 'via ILL', 'document delivery', 'Tipasa',
      'RapidILL', 'still waiting', "hasn't arrived", 'has not arrived', "hasn't come in", 'not arrived yet',
      'still not arrived', "still haven't received", 'where is my request',
    ],
  },
  {
    id: 'fines',
    label: 'Fines and fees',
    words: [
      'fines', 'a fine', 'the fine', 'my fine', 'library fine', 'overdue fine', 'fee', 'fees', 'late fee', 'late fees',
      'overdue charge', 'overdue charges', 'replacement cost', 'replacement charge', 'lost book charge', 'billed',
      'invoice', 'charged me', 'refund', 'waive', 'waived',
    ],
  },
  {
    id: 'printing',
    label: 'Printing, copying and scanning',
    words: [
      'printing', 'printer', 'printers', 'print job', 'print jobs', 'print credit', 'print credits', 'print quota',
      'print release', 'PaperCut', 'Pharos', 'photocopier', 'photocopy', 'photocopying', 'copier', 'scanner',
      'scan to email', 'toner', 'paper jam',
    ],
  },
  {
    id: 'room-booking',
    label: 'Room booking',
    words: [
      'study room', 'study rooms', 'group study room', 'group room', 'book a room', 'booking a room', 'reserve a room',
      'room booking', 'room bookings', 'room reservation', 'room reservations', 'LibCal', 'meeting room',
      'meeting rooms', 'study space', 'study carrel', 'carrel',
    ],
  },
  {
    id: 'accessibility',
    label: 'Accessibility',
    words: [
      'accessibility', 'screen reader', 'screen readers', 'JAWS', 'NVDA', 'VoiceOver', 'alt text', 'captions',
      'captioning', 'subtitles', 'wheelchair', 'disability', 'disabilities', 'accessible format',
      'accessible PDF', 'accessible copy', 'large print', 'text-to-speech', 'dyslexia', 'dyslexic', 'elevator',
    ],
  },
  {
    id: 'course-reserves',
    label: 'Course reserves',
    words: [
      'course reserve', 'course reserves', 'reserves', 'on reserve', 'reserve desk', 'e-reserves', 'ereserves',
      'reading list', 'reading lists', 'Leganto', 'Ares', 'short loan', 'two-hour loan', '2-hour loan', '2 hour loan',
      'textbook', 'textbooks', 'syllabus',
    ],
  },
];

const topicSchema = z.strictObject({
  id: slugSchema,
  label: z.string().trim().min(1, 'is empty; write the name staff see, e.g. "Proxy / off-campus access"'),
  words: z
    .array(z.string().trim().min(1, 'is empty; write a word or phrase'))
    .min(1, 'lists no words; list the words or phrases patrons use for this topic'),
});

const spikeSchema = z.strictObject({
  /** The recent period, in days, compared against the usual weekly rate. */
  window_days: z.number().int('is not a whole number of days').min(1, 'must be at least 1 day').max(28, 'is more than 28 days; a spike is a recent rise').default(7),
  /** How many weeks before the recent period make the usual rate. */
  baseline_weeks: z.number().int('is not a whole number of weeks').min(1, 'must be at least 1 week').max(52, 'is more than 52 weeks').default(8),
  /** The fewest mentions in the recent period that can count as a spike. */
  min_count: z.number().int('is not a whole number').min(1, 'must be at least 1').default(5),
  /**
   * How improbable the recent count must be if nothing had changed: the chance, under a Poisson
   * model with the usual rate, of seeing at least that many. 0.01 means "1 in 100 or rarer".
   */
  threshold: z.number().gt(0, 'must be above 0').lt(1, 'must be below 1; 0.01 means "1 in 100"').default(0.01),
});

/** The `insights` section as the library writes it; every key is defaulted, so the section may be left out. */
export const insightsPolicySchema = z
  .strictObject({
    /** true: the library's topics are added to the built-in ones (a topic with a built-in id replaces it). false: only the library's. */
    extend_default: z.boolean().default(true),
    topics: z.array(topicSchema).default([]),
    spike: spikeSchema.prefault({}),
  })
  .superRefine((insights, context) => {
    const seen = new Map<string, number>();
    insights.topics.forEach((topic, index) => {
      const first = seen.get(topic.id);
      if (first === undefined) seen.set(topic.id, index);
      else context.addIssue({ code: 'custom', path: ['topics', index, 'id'], message: `"${topic.id}" is already the id of topics[${first}]; give each topic its own id` });
    });
  })
  .prefault({});

export type InsightsPolicy = z.output<typeof insightsPolicySchema>;
/** The section as written; `undefined` when the policy file leaves it out. */
export type InsightsPolicyInput = z.input<typeof insightsPolicySchema>;

/**
 * The topics the library looks for: the built-in ones plus its own (its topic replaces a built-in
 * one with the same id, in the built-in's place), or only its own when `extend_default` is false.
 */
export function insightTopics(insights: InsightsPolicy): Topic[] {
  const own = insights.topics.map((topic) => ({ ...topic, words: [...topic.words] }));
  if (!insights.extend_default) return own;
  const ownById = new Map(own.map((topic) => [topic.id, topic]));
  const builtIn = defaultTopics.map((topic) => ownById.get(topic.id) ?? { ...topic, words: [...topic.words] });
  const added = own.filter((topic) => !defaultTopics.some((builtInTopic) => builtInTopic.id === topic.id));
  return [...builtIn, ...added];
}
