import { detectSpikes, insightTopics, tagTopics, weeklyCounts } from '@liaison/core';
import type { HubContext } from './create-hub.js';

const dayMs = 86_400_000;

/** Tags recent hand-offs by the policy's taxonomy, counts them by week and finds spikes. */
export async function computeInsights(hub: HubContext, weeks: number) {
  const now = hub.clock();
  const settings = hub.policy.insights;
  const topics = insightTopics(settings);
  const baselineWeeks = settings.spike.baseline_weeks;
  const from = new Date(now.getTime() - Math.max(weeks, baselineWeeks + 1) * 7 * dayMs);
  const handoffs = await hub.store.handoffs.list({ createdSince: from, limit: 1000, withHistory: false, order: 'newest-first', now });
  const items = handoffs.map((h) => ({ at: h.createdAt, topics: tagTopics(h.question, topics).map((t) => t.topicId) }));
  return {
    weekly: weeklyCounts(items, { timeZone: hub.policy.library.time_zone, from: new Date(now.getTime() - weeks * 7 * dayMs), to: now }),
    spikes: detectSpikes(items, topics, {
      now,
      windowDays: settings.spike.window_days,
      baselineWeeks,
      minCount: settings.spike.min_count,
      threshold: settings.spike.threshold,
    }),
    handoffsConsidered: handoffs.length,
  };
}
