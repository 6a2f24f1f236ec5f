/**
 * The RUSA Guidelines for Behavioral Performance of Reference and Information Service
 * Providers, 2023 revision (Reference & User Services Association, ALA), as an observation
 * checklist. The 2023 edition is organised in six sections — Inclusion, Approachability,
 * Engagement, Searching, Evaluation, Closure — replacing the earlier Approachability, Interest,
 * Listening/Inquiring, Searching and Follow-up, and it no longer splits behaviours into
 * in-person and remote lists. The criteria below paraphrase each section as behaviours a
 * peer reviewer or mystery shopper can observe; they are not RUSA's text. The few criteria
 * tied to a channel (a nod across the desk, keeping a chat user informed) carry `channels`
 * so they drop out of the score where they cannot be observed.
 */
import type { RubricInput } from '../schema.js';

const observed = { type: 'yes_no' } as const;

export const rusaBehavioral2023: RubricInput = {
  id: 'rusa-behavioral-2023',
  version: 1,
  name: 'RUSA Behavioral Guidelines (2023)',
  kind: 'quality',
  description:
    'Observable behaviours of a reference interaction, organised as the 2023 RUSA Guidelines for Behavioral Performance of Reference and Information Service Providers: inclusion, approachability, engagement, searching, evaluation and closure. Answer yes when the behaviour was observed; N/A when the interaction gave no occasion for it.',
  sections: [
    {
      id: 'inclusion',
      title: 'Inclusion',
      criteria: [
        { id: 'inclusive-language', text: 'Uses plain, inclusive language and makes no assumptions about the person’s identity, background or abilities', scale: observed },
        { id: 'non-judgemental', text: 'Treats the question and topic without judgement, giving it the same attention as any other', scale: observed },
        { id: 'respects-privacy', text: 'Keeps the question confidential and asks only for personal details the question needs', scale: observed, allow_na: true },
        {
          id: 'adapts-to-needs',
          text: 'Adapts the help to the person’s needs and preferences (pace, format, language, assistive technology) when they show or state them',
          scale: observed,
          allow_na: true,
        },
      ],
    },
    {
      id: 'approachability',
      title: 'Approachability',
      criteria: [
        { id: 'visible-and-identifiable', text: 'Is easy to find and recognisable as someone who can help (at the service point, or named in the chat or email)', scale: observed },
        {
          id: 'acknowledges-at-desk',
          text: 'Acknowledges a person who approaches promptly — with a look, gesture or word — even when busy with someone else',
          scale: observed,
          channels: ['in_person'],
          guidance: 'Eye contact is one way, not the only one: a word or a gesture counts as well.',
        },
        {
          id: 'acknowledges-remotely',
          text: 'Answers a chat, call or message promptly, and says when a fuller answer will take time',
          scale: observed,
          channels: ['virtual'],
        },
        { id: 'welcoming', text: 'Greets the person warmly and invites the question without hurrying them', scale: observed },
      ],
    },
    {
      id: 'engagement',
      title: 'Engagement',
      criteria: [
        { id: 'listens', text: 'Lets the person describe the need in their own words without interrupting, and gives them full attention', scale: observed },
        { id: 'clarifies-need', text: 'Asks open questions to learn the real need (purpose, level, how much, what format, by when)', scale: observed, allow_na: true },
        { id: 'confirms-question', text: 'Restates or confirms the question before searching', scale: observed },
        {
          id: 'keeps-informed',
          text: 'Keeps the person informed while working, so silence is never left unexplained',
          scale: observed,
          channels: ['chat', 'phone', 'video', 'zendesk', 'slack', 'teams'],
        },
      ],
    },
    {
      id: 'searching',
      title: 'Searching',
      criteria: [
        { id: 'sound-strategy', text: 'Builds a search from the person’s own terms and chooses sources suited to the need', scale: observed, allow_na: true },
        { id: 'explains-steps', text: 'Explains the search steps and sources, as far as the person wants, so they could repeat them', scale: observed, allow_na: true },
        { id: 'involves-person', text: 'Works on the search with the person and offers them the chance to try it themselves', scale: observed, allow_na: true },
        {
          id: 'consults-or-refers',
          text: 'Consults or refers to a colleague, subject specialist or other service when that would serve the person better, and makes the referral concrete',
          scale: observed,
          allow_na: true,
          guidance: 'N/A when the question did not call for anyone else.',
        },
      ],
    },
    {
      id: 'evaluation',
      title: 'Evaluation',
      criteria: [
        { id: 'helps-judge-sources', text: 'Helps the person judge sources for authority, currency, accuracy and purpose', scale: observed, allow_na: true },
        {
          id: 'addresses-misinformation',
          text: 'Points out unreliable or misleading information tactfully and offers better sources',
          scale: observed,
          allow_na: true,
          guidance: 'N/A when no doubtful source came up.',
        },
      ],
    },
    {
      id: 'closure',
      title: 'Closure',
      criteria: [
        { id: 'checks-answered', text: 'Asks whether the question has been fully answered', scale: observed },
        { id: 'invites-return', text: 'Invites the person to come back or get in touch again, and says how', scale: observed },
        {
          id: 'arranges-follow-up',
          text: 'Arranges follow-up when the answer is incomplete (who will be in touch, how, and by when)',
          scale: observed,
          allow_na: true,
          guidance: 'N/A when the question was answered in full.',
        },
        { id: 'ends-courteously', text: 'Ends the interaction courteously, without closing it before the person is done', scale: observed },
      ],
    },
  ],
};
