import { describe, expect, it } from 'vitest';
import { commands } from './cli.js';

describe('the command list', () => {
  // `liaison --help` lists names and summaries without loading each command's module.
  it('names and sums up each command as its own module does', async () => {
    for (const entry of commands) {
      const command = await entry.load();
      expect(command.name).toEqual(entry.name);
      expect(command.summary).toBe(entry.summary);
    }
  });
});
