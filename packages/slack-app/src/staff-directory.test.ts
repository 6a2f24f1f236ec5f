import type { webApi } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { createStaffDirectory } from './staff-directory.js';

const policy = {
  departments: [
    { id: 'reference', name: 'Reference', slack_channel: '#ask-reference', lead: 'U024REFLEAD', members: ['priya.natarajan@northfield.edu'] },
    { id: 'acquisitions', name: 'Acquisitions', slack_channel: '#acq', lead: 'jonah.okafor@northfield.edu' },
  ],
};

/** A WebClient whose users.info answers from `emails` (or fails), counting its calls. */
function clientWith(emails: Record<string, string | Error>) {
  let calls = 0;
  const client = {
    users: {
      info: async ({ user }: { user: string }) => {
        calls++;
        const email = emails[user];
        if (email instanceof Error) throw email;
        return { ok: true, user: { id: user, profile: email ? { email } : {} } };
      },
    },
  } as unknown as webApi.WebClient;
  return { client, calls: () => calls };
}

describe('the staff directory', () => {
  const warnings: string[] = [];
  const logger = { warn: (message: string) => warnings.push(message) };

  it('finds a member named by e-mail (case aside), and one named by member id without asking Slack', async () => {
    let now = 0;
    const directory = createStaffDirectory(policy, { logger, now: () => now });
    const { client, calls } = clientWith({ U024PRIYA: 'Priya.Natarajan@Northfield.edu', U024REFLEAD: 'lead@northfield.edu' });
    expect(await directory.departmentsOf(client, 'U024PRIYA')).toEqual(['reference']);
    expect(await directory.actorFor(client, { id: 'U024PRIYA', name: 'priya' })).toEqual({ id: 'U024PRIYA', name: 'priya', kind: 'staff', departments: ['reference'] });
    expect(calls()).toBe(1); // remembered
    now += 61 * 60 * 1000;
    await directory.departmentsOf(client, 'U024PRIYA');
    expect(calls()).toBe(2); // asked again after an hour
    expect(await directory.departmentsOf(client, 'U024REFLEAD')).toEqual(['reference']);
  });

  it('does not ask Slack when the policy names nobody by e-mail', async () => {
    const directory = createStaffDirectory({ departments: [policy.departments[0]!].map((d) => ({ ...d, members: [] })) }, { logger });
    const { client, calls } = clientWith({});
    expect(await directory.departmentsOf(client, 'U024REFLEAD')).toEqual(['reference']);
    expect(calls()).toBe(0);
  });

  it('keeps going on the member id when Slack will not give the address, without logging it', async () => {
    let now = 0;
    const directory = createStaffDirectory(policy, { logger, now: () => now });
    const { client, calls } = clientWith({ U024JONAH: new Error('missing_scope') });
    expect(await directory.departmentsOf(client, 'U024JONAH')).toEqual([]);
    expect(await directory.departmentsOf(client, 'U024JONAH')).toEqual([]);
    expect(calls()).toBe(1); // not asked again at once
    expect(warnings.join(' ')).toMatch(/users\.info/);
    expect(warnings.join(' ')).not.toMatch(/@/);
    now += 6 * 60 * 1000;
    await directory.departmentsOf(client, 'U024JONAH');
    expect(calls()).toBe(2);
  });
});
