import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from './logging.js';
import { boltLoggerOver } from './slack.js';

function capturedHubLog(level: string) {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { lines, logger: createLogger({ level, destination }) };
}

describe("Slack's log lines", () => {
  it("go to the hub's own log, marked as Slack's, an error as its name and message without its stack", async () => {
    const { lines, logger } = capturedHubLog('info');
    const slackLog = boltLoggerOver(logger);
    const error = new Error('Failed to verify authenticity');
    slackLog.error('An incoming HTTP request could not be handled:', error);
    slackLog.warn('Authorization of incoming event did not succeed');
    slackLog.debug('not at this level');
    await new Promise((resolve) => setImmediate(resolve));
    expect(lines.map(({ component, level, msg }) => ({ component, level, msg }))).toEqual([
      { component: 'slack', level: 50, msg: 'An incoming HTTP request could not be handled: Error: Failed to verify authenticity' },
      { component: 'slack', level: 40, msg: 'Authorization of incoming event did not succeed' },
    ]);
    expect(JSON.stringify(lines)).not.toContain('at ');
  });

  it('are silent where the hub log is (as in tests that expect refusals)', async () => {
    const { lines, logger } = capturedHubLog('silent');
    boltLoggerOver(logger).error(new Error('MissingStateError: The state parameter is missing'));
    await new Promise((resolve) => setImmediate(resolve));
    expect(lines).toEqual([]);
  });
});
