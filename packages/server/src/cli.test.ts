import { describe, expect, it } from 'vitest';
import { commands } from './cli.js';

describe('the command list', () => {
  // Each entry loads its own command: its usage starts with its own words.
  it('loads, for each name, the command of that name', async () => {
    for (const entry of commands) {
      const command = await entry.load();
      expect(command.usage).toMatch(new RegExp(`^Usage: liaison ${entry.name.join(' ')}\\b`));
    }
  });
});
