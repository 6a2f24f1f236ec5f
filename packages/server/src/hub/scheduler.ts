import {
  addCalendarDays,
  hasAwayPassed,
  isOpen,
  localDateOf,
  openStates,
  reminderRecipient,
  reminderRecipientNow,
  remindersDue,
  returnSummary,
  type AwayPeriod,
  type Handoff,
  type Reminder,
  type TopicSpike,
} from '@liaison/core';
import type { StoredAwayPeriod, StoredHandoff } from '@liaison/store';
import type { TeamAwayAlert } from './handoff-service.js';
import type { HubContext } from './create-hub.js';
import { computeInsights } from './insights.js';

/** Where reminders, escalations and spike alerts go: Slack when it is configured, the log otherwise. */
export interface Notifier {
  remind(reminder: Reminder, handoff: Handoff): Promise<void>;
  spike(finding: TopicSpike): Promise<void>;
  /** A direct message to one member of staff (the return summary); without it, the log says one was due. */
  tell?(contact: string, text: string): Promise<void>;
}

export interface TickReport {
  scheduled: number;
  sent: number;
  failed: number;
  purged: number;
  spikes: number;
  /** Leads told at once that a new hand-off's whole liaison team is away. */
  teamAwayAlerts: number;
  /** People back from time away who were sent what happened meanwhile. */
  returnSummaries: number;
}

export interface Scheduler {
  /** Runs one round: schedule due reminders, send what this hub claims, purge, check spikes. */
  tick(): Promise<TickReport>;
  /** Ticks every `intervalMs` until stopped (default one minute). */
  start(intervalMs?: number): void;
  /**
   * Stops taking work: no new round, no new claim; jobs claimed but not started are released to
   * any hub. Waits up to `graceMs` (default 10 s) for the job in flight — a notifier that does not
   * answer (Slack unreachable, retrying) must not hold a stopping hub. A job still in flight then
   * keeps its lease and is retried by any hub when the lease ends, so it is not sent twice.
   */
  stop(graceMs?: number): Promise<void>;
}

/** What a reminder job carries: the reminder, with the keys (core's `reminderKey`) it is recorded under once sent. */
interface ReminderJob {
  reminder: Reminder;
  /** The one key a job scheduled before rungs were collapsed was recorded under. */
  sentKey?: string;
}

/**
 * The hub's scheduler. Work lives in the store's jobs table, not in memory: each reminder is
 * scheduled under a unique key (hand-off + rung), so any hub may schedule it, and claimed with a
 * row lock, so exactly one hub sends it. A hub that restarts picks up where the jobs say.
 */
export function createScheduler(hub: HubContext & { notifier?: Notifier | undefined }): Scheduler {
  const workerId = `hub-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  const notifier = hub.notifier ?? logNotifier(hub);
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<TickReport> | null = null;
  let isStopping = false;
  /** Reminder jobs this hub holds but has not begun: given back to any hub when it stops. */
  const claimedNotStarted = new Set<number>();
  async function releaseUnstarted(): Promise<void> {
    for (const id of [...claimedNotStarted]) {
      claimedNotStarted.delete(id);
      await hub.store.jobs.releaseJob(id, workerId);
    }
  }

  async function scheduleReminders(now: Date): Promise<number> {
    // Page through every active hand-off: a busy library can have more open than one page holds.
    const handoffs: StoredHandoff[] = [];
    for (let offset = 0; ; offset += 1000) {
      const page = await hub.store.handoffs.list({ states: [...openStates], limit: 1000, offset, withHistory: false, now });
      handoffs.push(...page);
      if (page.length < 1000) break;
    }
    // Core says which rungs are due (once per due time, missed ones collapsed into the highest).
    const due = remindersDue(handoffs, hub.policy.handoff.escalation, now, hub.policy.library);
    let scheduled = 0;
    for (const reminder of due) {
      const { scheduled: isNew } = await hub.store.jobs.scheduleJob<ReminderJob>('reminder', `${reminder.handoffId}:${reminder.sentKeys.at(-1)}`, now, { reminder });
      if (isNew) scheduled++;
    }
    return scheduled;
  }

  /** The reminder as it should go now: to whoever covers for the person its rung names, with why. */
  function coveredReminder(reminder: Reminder, handoff: Handoff, awayPeriods: readonly AwayPeriod[], now: Date): Reminder {
    const policy = hub.policy;
    const department = policy.departments.find((candidate) => candidate.id === handoff.department) ?? { id: handoff.department };
    const recipient = reminderRecipient(reminder.notify, handoff, { departments: policy.departments, head_of_service: policy.handoff.head_of_service });
    const liaison = handoff.routing?.liaison;
    const team = liaison ? { affiliation: liaison.affiliation, primary: liaison.primary, backups: liaison.backups } : undefined;
    const covered = reminderRecipientNow(recipient, { team, department, awayPeriods, now, timeZone: policy.library.time_zone });
    if (!covered.cover) return reminder;
    return { ...reminder, recipient: covered.recipient, message: `${reminder.message} ${covered.cover.reason.message}` };
  }

  async function sendClaimedReminders(now: Date): Promise<{ sent: number; failed: number }> {
    let sent = 0;
    let failed = 0;
    const awayPeriods = await hub.store.away.listEndingOnOrAfter(localDateOf(now, hub.policy.library.time_zone));
    while (!isStopping) {
      const jobs = await hub.store.jobs.claimJobs<ReminderJob>('reminder', workerId, 50, now, 120);
      if (jobs.length === 0) break;
      for (const job of jobs) claimedNotStarted.add(job.id);
      for (const job of jobs) {
        if (isStopping) break;
        claimedNotStarted.delete(job.id);
        const { reminder } = job.payload;
        const sentKeys = reminder.sentKeys ?? [job.payload.sentKey!];
        const sentKey = sentKeys.at(-1)!;
        try {
          const handoff = await hub.store.handoffs.get(reminder.handoffId);
          // A hand-off resolved since the reminder was scheduled needs no reminder; one already
          // sent (a hub that died after sending, before completing) is not sent again.
          const isWanted = handoff && isOpen(handoff.state);
          if (isWanted && !(await hub.store.handoffs.wasReminderSent(reminder.handoffId, sentKey))) {
            await notifier.remind(coveredReminder(reminder, handoff, awayPeriods, now), handoff);
            hub.metrics.remindersSent.inc({ notify: reminder.notify });
            sent++;
          }
          await hub.store.transaction(async (trx) => {
            // The rungs it stood for are recorded with it, so none of them is sent later on its own.
            if (isWanted) for (const key of sentKeys) await trx.handoffs.recordReminderSent(reminder.handoffId, key, now);
            await trx.jobs.completeJob(job.id, workerId, now);
          });
        } catch (error) {
          failed++;
          await hub.store.jobs.failJob(job.id, workerId, safeMessage(error), now);
        }
      }
    }
    return { sent, failed };
  }

  /** Tells department leads, once each, that a new hand-off's whole liaison team is away. */
  async function sendTeamAwayAlerts(now: Date): Promise<number> {
    let sent = 0;
    for (;;) {
      const jobs = await hub.store.jobs.claimJobs<TeamAwayAlert>('team-away-alert', workerId, 50, now, 120);
      if (jobs.length === 0) return sent;
      for (const job of jobs) {
        try {
          const handoff = await hub.store.handoffs.get(job.payload.handoffId);
          if (handoff && isOpen(handoff.state)) {
            const alert: Reminder = {
              handoffId: handoff.id, rung: 'team-away', covers: [], sentKeys: [], notify: 'department_lead', dueAt: now.toISOString(), elapsedPercent: 0,
              recipient: { kind: 'person', contact: job.payload.lead },
              message: `New: ${handoff.id} "${handoff.summary}" (${handoff.department}). ${job.payload.reason}`,
            };
            await notifier.remind(alert, handoff);
            sent++;
          }
          await hub.store.jobs.completeJob(job.id, workerId, now);
        } catch (error) {
          await hub.store.jobs.failJob(job.id, workerId, safeMessage(error), now);
        }
      }
    }
  }

  /**
   * One summary to each person whose time away ended (within the last fortnight): the job's key is
   * the period, so two hubs, or a hub ticking every minute, send it once.
   */
  async function sendReturnSummaries(now: Date): Promise<number> {
    const today = localDateOf(now, hub.policy.library.time_zone);
    const ended = (await hub.store.away.listEndingOnOrAfter(addCalendarDays(today, -14))).filter((period) => hasAwayPassed(period, today));
    for (const period of ended) await hub.store.jobs.scheduleJob<StoredAwayPeriod>('return-summary', `${period.person}:${period.from}:${period.until}`, now, period);
    let sent = 0;
    for (;;) {
      const jobs = await hub.store.jobs.claimJobs<StoredAwayPeriod>('return-summary', workerId, 20, now, 300);
      if (jobs.length === 0) return sent;
      for (const job of jobs) {
        try {
          const period = job.payload;
          const handoffs = await hub.store.handoffs.list({ limit: 1000, order: 'newest-first', now });
          const summary = returnSummary(period.person, period, handoffs, hub.policy.library.time_zone);
          if (notifier.tell) await notifier.tell(period.person, summary.text);
          else hub.logger.info({ person: period.person, handoffs: summary.handoffIds.length }, 'return summary due');
          sent++;
          await hub.store.jobs.completeJob(job.id, workerId, now);
        } catch (error) {
          await hub.store.jobs.failJob(job.id, workerId, safeMessage(error), now);
        }
      }
    }
  }

  async function runDaily(kind: 'retention-purge' | 'spike-check', now: Date, work: () => Promise<number>): Promise<number> {
    if (isStopping) return 0;
    const key = now.toISOString().slice(0, 10);
    await hub.store.jobs.scheduleJob(kind, key, now, {});
    const [job] = await hub.store.jobs.claimJobs(kind, workerId, 1, now, 600);
    if (!job) return 0;
    try {
      const count = await work();
      await hub.store.jobs.completeJob(job.id, workerId, now);
      return count;
    } catch (error) {
      await hub.store.jobs.failJob(job.id, workerId, safeMessage(error), now);
      return 0;
    }
  }

  async function tick(): Promise<TickReport> {
    const now = hub.clock();
    const scheduled = await scheduleReminders(now);
    const { sent, failed } = await sendClaimedReminders(now);
    const teamAwayAlerts = await sendTeamAwayAlerts(now);
    const returnSummaries = await sendReturnSummaries(now);
    const purged = await runDaily('retention-purge', now, async () => {
      // Retried-delivery records keep the hand-off as it was answered, patron included: forget expired ones too.
      await hub.store.idempotency.purgeExpired(now);
      return hub.store.handoffs.purgePatronIdentifiers(hub.policy.privacy.retention_days, now);
    });
    const spikes = await runDaily('spike-check', now, async () => {
      const insights = await computeInsights(hub, 1);
      const found = insights.spikes.filter((s) => s.isSpike);
      for (const finding of found) await notifier.spike(finding);
      return found.length;
    });
    return { scheduled, sent, failed, purged, spikes, teamAwayAlerts, returnSummaries };
  }

  return {
    tick() {
      if (isStopping) return Promise.resolve({ scheduled: 0, sent: 0, failed: 0, purged: 0, spikes: 0, teamAwayAlerts: 0, returnSummaries: 0 });
      // One round at a time in this process; other hubs are kept apart by the row locks.
      running ??= tick().finally(() => {
        running = null;
      });
      return running;
    },
    start(intervalMs = 60_000) {
      if (timer) return;
      const loop = () => {
        this.tick().catch((error: Error) => hub.logger.error({ err: { type: error.name } }, 'scheduler round failed'));
      };
      timer = setInterval(loop, intervalMs);
      timer.unref();
      loop();
    },
    async stop(graceMs = 10_000) {
      isStopping = true;
      if (timer) clearInterval(timer);
      timer = null;
      await releaseUnstarted();
      if (!running) return;
      let deadline: NodeJS.Timeout | undefined;
      const isFinished = await Promise.race([
        running.then(
          () => true,
          () => true,
        ),
        new Promise<false>((resolve) => {
          deadline = setTimeout(() => resolve(false), graceMs);
        }),
      ]);
      clearTimeout(deadline);
      await releaseUnstarted();
      if (!isFinished) hub.logger.warn({ graceMs }, 'stopped without waiting longer for a reminder in flight; any hub retries it when its lease ends');
    },
  };
}

/** An error's class and code only: a message from a connector or Slack could quote patron data. */
function safeMessage(error: unknown): string {
  const { name, code } = error as { name?: string; code?: string };
  return [name ?? 'Error', code].filter(Boolean).join(': ');
}

/** Without Slack, reminders are written to the log — by hand-off number only, never the patron. */
function logNotifier(hub: HubContext): Notifier {
  return {
    async remind(reminder) {
      hub.logger.info({ handoff: reminder.handoffId, rung: reminder.rung, notify: reminder.notify }, 'reminder due');
    },
    async spike(finding) {
      hub.logger.warn({ topic: finding.topicId, recent: finding.recent, baselineMean: finding.baselineMean }, 'insight spike');
    },
  };
}
