import { describe, expect, it } from 'vitest';
import { parsePolicy } from './parse.js';
import type { Policy } from './schema.js';
import { policyWarnings } from './warnings.js';

function policy(library: Record<string, unknown>, rules: Record<string, unknown>[], trusted = true): Policy {
  const parsed = parsePolicy({
    library: { name: 'Test Library', time_zone: 'America/Chicago', ...library },
    departments: [{ id: 'reference', name: 'Reference', slack_channel: '#ref' }],
    handoff: { rules, head_of_service: 'U024HEAD' },
    purchase: { max_price: 100 },
    ...(trusted && { slack: { workspaces: [{ team_id: 'T024NORTH' }] } }),
  });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.error.issues));
  return parsed.value;
}

const weekdaysOpen = { monday: '08:00-20:00', tuesday: '08:00-20:00', wednesday: '08:00-20:00', thursday: '08:00-20:00', friday: '08:00-18:00', saturday: '10:00-16:00', sunday: 'closed' };
const fallback = { id: 'everything-else', default: true, department: 'reference', service_level: '1 business day' };

describe('policy warnings', () => {
  it('warns once for each weekday the library is closed, as the short README example once was', () => {
    const warnings = policyWarnings(policy({ opening_hours: { monday: '07:30-24:00', friday: '07:30-20:00', saturday: '10:00-18:00', sunday: 'closed' } }, [fallback]));
    expect(warnings.map((w) => w.path.join('.'))).toEqual(['library.opening_hours.tuesday', 'library.opening_hours.wednesday', 'library.opening_hours.thursday']);
    expect(warnings[0]!.message).toBe("the library is closed every Tuesday: no hand-off's time runs that day");
    expect(warnings[0]!.hint).toContain('tuesday: "08:00-17:00"');
  });

  it('warns of a service level in elapsed hours shorter than the longest closure, and not of one in opening hours', () => {
    const rules = [
      { id: 'urgent', department: 'reference', service_level: '4 hours', match: { words: ['proxy'] } },
      { id: 'chat', department: 'reference', service_level: '4 opening hours', match: { words: ['chat'] } },
      { id: 'long', department: 'reference', service_level: '72 hours', match: { words: ['ill'] } },
      fallback,
    ];
    const warnings = policyWarnings(policy({ opening_hours: weekdaysOpen }, rules));
    expect(warnings.map((w) => w.path.join('.'))).toEqual(['handoff.rules.0.service_level']);
    // Saturday 16:00 to Monday 08:00 is the longest closure: 40 hours.
    expect(warnings[0]!.message).toBe('"4 hours" counts closed time too, and the library closes for 40 hours from Saturday 16:00: a question asked at closing time falls due before anyone is there');
    expect(warnings[0]!.hint).toBe('count opening time instead, e.g. "4 opening hours"');
  });

  it('says a service level in opening time can never be met when the library never opens', () => {
    const warnings = policyWarnings(policy({ opening_hours: {} }, [fallback]));
    expect(warnings.some((w) => w.path.join('.') === 'handoff.rules.0.service_level' && w.message.includes('can never be met'))).toBe(true);
  });

  it('has nothing to say of a library open every weekday with service levels in opening time', () => {
    expect(policyWarnings(policy({ opening_hours: weekdaysOpen }, [fallback]))).toEqual([]);
  });

  it('warns that any Slack workspace is trusted when the policy names none', () => {
    const warnings = policyWarnings(policy({ opening_hours: weekdaysOpen }, [fallback], false));
    expect(warnings).toEqual([expect.objectContaining({ path: ['slack'], message: expect.stringContaining('any workspace is trusted') })]);
  });
});
