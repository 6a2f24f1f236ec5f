/**
 * Where an evaluated interaction took place, and the two groups a rubric may name instead of a
 * list: `in_person` (the desk) and `virtual` (every remote channel). Reference guidelines long
 * split behaviours this way — a nod across the desk, a "still searching…" message in chat.
 */
import type { QueryChannel } from '../handoff/handoff.js';

/** Every channel an evaluation may record: the hand-off channels plus video calls. */
export const evaluationChannels = ['desk', 'chat', 'email', 'phone', 'video', 'zendesk', 'slack', 'teams', 'web', 'ill'] as const;
export type EvaluationChannel = (typeof evaluationChannels)[number];

// Fails to compile when handoff.ts gains a channel this list lacks.
const everyQueryChannelListed: Exclude<QueryChannel, EvaluationChannel> extends never ? true : false = true;
void everyQueryChannelListed;

export const channelGroups = {
  in_person: ['desk'],
  virtual: ['chat', 'email', 'phone', 'video', 'zendesk', 'slack', 'teams', 'web', 'ill'],
} as const satisfies Record<string, readonly EvaluationChannel[]>;

/** What a criterion's `channels` list may hold: a channel, or a group of them. */
export const criterionChannels = [...evaluationChannels, 'in_person', 'virtual'] as const;
export type CriterionChannel = (typeof criterionChannels)[number];

/** Whether a criterion limited to `channels` applies to an interaction on `channel`; no list, or no known channel, means it applies. */
export function criterionAppliesTo(channels: readonly CriterionChannel[] | undefined, channel: EvaluationChannel | undefined): boolean {
  if (!channels || channels.length === 0 || channel === undefined) return true;
  return channels.some((entry) =>
    entry === 'in_person' || entry === 'virtual' ? (channelGroups[entry] as readonly string[]).includes(channel) : entry === channel,
  );
}
