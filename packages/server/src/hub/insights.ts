import { sql } from 'kysely';
import { compileTopics, detectSpikes, insightTopics, weeklyCounts, type TaggedItem } from '@liaison/core';
import type { HubContext } from './create-hub.js';

const dayMs = 86_400_000;
/** Hand-offs read per query while tagging: bounded memory however large the library. */
const pageSize = 2000;
/** The most hand-offs named behind one spike (the newest). */
const handoffsPerSpike = 50;

/**
 * Tags every hand-off made since `from` with the policy's topics, reading them from SQL a page
 * at a time (only the number, the time and the question), and keeps only the tags.
 */
export async function tagHandoffsSince(hub: HubContext, from: Date, onTagged: (item: TaggedItem & { id: string }) => void): Promise<number> {
  const topics = compileTopics(insightTopics(hub.policy.insights));
  let after: { at: Date; id: string } | undefined;
  let count = 0;
  for (;;) {
    const position = after ? sql`and (created_at, id) > (${after.at}, ${after.id})` : sql``;
    const { rows } = await sql<{ id: string; created_at: Date; question: string }>`
      select id, created_at, question from handoffs
      where created_at >= ${from} ${position}
      order by created_at, id
      limit ${pageSize}
    `.execute(hub.store.db);
    for (const row of rows) {
      onTagged({ id: row.id, at: row.created_at, topics: topics.tag(row.question).map((tag) => tag.topicId) });
    }
    count += rows.length;
    if (rows.length < pageSize) return count;
    const last = rows[rows.length - 1]!;
    after = { at: last.created_at, id: last.id };
  }
}

/** Tags recent hand-offs by the policy's taxonomy, counts them by week and finds spikes, naming the hand-offs behind each. */
export async function computeInsights(hub: HubContext, weeks: number) {
  const now = hub.clock();
  const settings = hub.policy.insights;
  const topics = insightTopics(settings);
  const baselineWeeks = settings.spike.baseline_weeks;
  const from = new Date(now.getTime() - Math.max(weeks, baselineWeeks + 1) * 7 * dayMs);
  const windowStart = now.getTime() - settings.spike.window_days * dayMs;
  const items: TaggedItem[] = [];
  const recentByTopic = new Map<string, string[]>();
  const handoffsConsidered = await tagHandoffsSince(hub, from, (item) => {
    items.push({ at: item.at, topics: item.topics });
    if (new Date(item.at).getTime() < windowStart) return;
    for (const topic of item.topics) {
      const ids = recentByTopic.get(topic) ?? [];
      ids.push(item.id);
      if (ids.length > handoffsPerSpike) ids.shift();
      recentByTopic.set(topic, ids);
    }
  });
  const spikes = detectSpikes(items, topics, {
    now,
    windowDays: settings.spike.window_days,
    baselineWeeks,
    minCount: settings.spike.min_count,
    threshold: settings.spike.threshold,
  });
  return {
    weekly: weeklyCounts(items, { timeZone: hub.policy.library.time_zone, from: new Date(now.getTime() - weeks * 7 * dayMs), to: now }),
    spikes: spikes.map((spike) => ({ ...spike, handoffs: spike.isSpike ? [...(recentByTopic.get(spike.topicId) ?? [])].reverse() : [] })),
    topics: topics.map((topic) => ({ id: topic.id, label: topic.label })),
    handoffsConsidered,
  };
}
