import { describe, expect, it } from 'vitest';
import { isAllowedWorkspace, isKnownStaff, slackPolicySchema } from './slack.js';

const roster = {
  departments: [{ lead: 'U024REFLEAD', members: ['U024REF0001', 'Priya.Natarajan@northfield.edu'], backups: ['U024REF0002'] }],
  handoff: { head_of_service: 'U024HEAD' },
  slack: { workspaces: [{ team_id: 'T024NORTH' }, { team_id: 'T055SOUTH', library: 'Southgate College Library' }], staff: ['desk@northfield.edu'] },
};

describe('slack.workspaces', () => {
  it('answers only the workspaces the policy lists, and any workspace when it lists none', () => {
    expect(isAllowedWorkspace(roster, 'T024NORTH')).toBe(true);
    expect(isAllowedWorkspace(roster, 'T055SOUTH')).toBe(true);
    expect(isAllowedWorkspace(roster, 'T099ELSEWHERE')).toBe(false);
    expect(isAllowedWorkspace(roster, undefined)).toBe(false);
    expect(isAllowedWorkspace({}, 'T099ELSEWHERE')).toBe(true);
  });

  it('explains a team id that is not one, and an empty list', () => {
    const wrong = slackPolicySchema.safeParse({ workspaces: [{ team_id: 'northfield' }] });
    expect(wrong.success).toBe(false);
    expect(wrong.error?.issues[0]).toMatchObject({ path: ['workspaces', 0, 'team_id'] });
    expect(wrong.error?.issues[0]?.message).toContain('starts with "T"');
    expect(slackPolicySchema.safeParse({ workspaces: [] }).error?.issues[0]?.message).toContain('lists no workspaces');
  });
});

describe('isKnownStaff', () => {
  it('knows leads, members, backups, the head of service and slack.staff, by member id or e-mail in any case', () => {
    for (const userId of ['U024REFLEAD', 'U024REF0001', 'U024REF0002', 'U024HEAD']) expect(isKnownStaff(roster, { userId })).toBe(true);
    expect(isKnownStaff(roster, { userId: 'U024PRIYA', email: 'priya.natarajan@NORTHFIELD.edu' })).toBe(true);
    expect(isKnownStaff(roster, { userId: 'U024DESK', email: 'Desk@northfield.edu' })).toBe(true);
    expect(isKnownStaff(roster, { userId: 'U024STRANGER', email: 'someone@northfield.edu' })).toBe(false);
    expect(isKnownStaff(roster, { userId: 'U024STRANGER' })).toBe(false);
  });
});
