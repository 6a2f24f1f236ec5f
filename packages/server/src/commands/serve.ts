import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Command, CommandIO } from '../command.js';
import { storeLocation } from '../config/store-location.js';
import { PolicyFileError, SlackSettingsError, startHub } from '../hub/start.js';
import type { StaffTokens } from '../hub/staff-tokens.js';

/** The policy file to use: --config, else ./liaison.config.yaml, else the shipped example. */
export function choosePolicyFile(io: CommandIO, given?: string): string {
  if (given) return resolve(io.cwd, given);
  const local = resolve(io.cwd, 'liaison.config.yaml');
  return existsSync(local) ? local : resolve(io.cwd, 'examples/liaison.config.yaml');
}

function connectionLines(env: NodeJS.ProcessEnv, slackMode: 'http' | 'socket' | null, url: string, teamsSignOn: boolean): string[] {
  const slack =
    slackMode === 'socket' ? 'Socket Mode (SLACK_APP_TOKEN)' : slackMode === 'http' ? `HTTP at ${url}/slack/events` : 'not configured — see README (Slack)';
  const zendesk = env['LIAISON_ZENDESK_SECRET'] ? 'accepting the sidebar\'s JWTs' : 'not configured — see README (Zendesk)';
  const teams = teamsSignOn ? 'tab single sign-on on (the policy\'s teams section)' : 'no single sign-on — see packages/dashboard/README.md';
  return [`  Dashboard: ${url}/dashboard/`, `  Slack:    ${slack}`, `  Zendesk:  ${zendesk}`, `  Teams:    ${teams}`];
}

const demoTokenName = 'demo (printed by liaison serve)';
/** How long the demo's printed admin token works, in milliseconds: a day of trying things. */
const demoTokenLifetimeMs = 24 * 3_600_000;

/**
 * The demo's admin token: one at a time, and never for ever. Each start revokes the tokens earlier
 * starts printed and makes one that expires in a day, so restarts do not pile up live admin tokens.
 */
async function demoToken(tokens: StaffTokens): Promise<string> {
  for (const earlier of await tokens.list()) {
    if (earlier.name === demoTokenName && !earlier.revokedAt) await tokens.revoke(earlier.id);
  }
  return (await tokens.create({ name: demoTokenName, role: 'admin', expiresInMs: demoTokenLifetimeMs })).token;
}

export const serveCommand: Command = {
  usage: [
    'Usage: liaison serve [--config FILE] [--port N] [--host ADDRESS] [--data-dir DIR] [--demo-data]',
    '',
    'Runs the hub on one port (default 3000, or PORT). The store is embedded PGlite under',
    '--data-dir (default ./.liaison, or LIAISON_DATA_DIR), or a PostgreSQL server when DATABASE_URL is set.',
    'With --demo-data (as `npm start` does) and an empty store, the demo library\'s hand-offs are loaded',
    'so there is something to see; without it nothing is loaded. With only the demo library\'s systems',
    'it prints a staff token for trying the API. Deploying for real: docs/deploy.md.',
    '',
    'Environment: PORT, HOST, DATABASE_URL, LIAISON_DATA_DIR, LIAISON_PUBLIC_URL, LIAISON_ZENDESK_SECRET,',
    'SLACK_SIGNING_SECRET, SLACK_BOT_TOKEN, SLACK_APP_TOKEN, SLACK_CLIENT_ID, SLACK_CLIENT_SECRET, LOG_LEVEL.',
  ].join('\n'),
  async run(args, io) {
    let values;
    try {
      ({ values } = parseArgs({
        args,
        options: {
          config: { type: 'string' },
          port: { type: 'string' },
          host: { type: 'string' },
          'data-dir': { type: 'string' },
          'demo-data': { type: 'boolean' },
          // Kept so older scripts still start; nothing is loaded without --demo-data anyway.
          'no-demo-data': { type: 'boolean' },
        },
        strict: true,
      }));
    } catch (error) {
      // A mistyped option is the user's slip, not a crash: say which, and show the usage.
      io.stderr.write(`liaison serve: ${(error as Error).message}\n\n${serveCommand.usage}\n`);
      return 1;
    }
    const policyFile = choosePolicyFile(io, values.config);
    const port = Number(values.port ?? io.env['PORT'] ?? 3000);
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
      io.stderr.write(`liaison serve: --port must be a whole number from 0 to 65535, not "${values.port ?? io.env['PORT']}".\n`);
      return 1;
    }
    if (!existsSync(policyFile)) {
      io.stderr.write(
        `liaison serve: there is no policy file at ${policyFile}.\n` +
          `  Check the name given to --config, or start from the example: cp examples/liaison.config.yaml liaison.config.yaml (docs/deploy.md).\n`,
      );
      return 1;
    }
    let hub;
    try {
      hub = await startHub({
        policyFile,
        port,
        host: values.host ?? io.env['HOST'] ?? '127.0.0.1',
        ...storeLocation(io, values['data-dir']).options,
        zendeskSecret: io.env['LIAISON_ZENDESK_SECRET'] || undefined,
        publicUrl: io.env['LIAISON_PUBLIC_URL'] || undefined,
        // Demo hand-offs only when asked for: a real library's store holds only what its staff put there.
        seedDemo: values['demo-data'] === true && !values['no-demo-data'],
        slackEnvironment: io.env,
      });
    } catch (error) {
      if (error instanceof SlackSettingsError) {
        io.stderr.write(`The hub did not start: Slack is half configured. ${error.message}\n`);
        return 1;
      }
      if (error instanceof PolicyFileError) {
        io.stderr.write(`The hub did not start: ${policyFile} has problems.\n`);
        for (const line of error.lines) io.stderr.write(`  ${line}\n`);
        return 1;
      }
      io.stderr.write(`The hub did not start: ${(error as Error).message}\n`);
      const hint = (error as { hint?: string }).hint;
      if (hint) io.stderr.write(`  ${hint}\n`);
      return 1;
    }
    // A token to try the demo with. A real library's hub prints none: tokens are made on purpose,
    // with `liaison token create`, and a token printed at every start would end up in logs.
    const token = hub.isDemoLibrary ? await demoToken(hub.context.staffTokens) : null;
    const tryIt = token
      ? [
          `Try it:    curl -H "Authorization: Bearer ${token}" ${hub.url}/api/v1/handoffs`,
          `           curl -H "Authorization: Bearer ${token}" "${hub.url}/api/v1/patron-context?email=amara.okafor@northfield.edu"`,
        ]
      : ['Staff tokens: `liaison token create --name NAME --role staff` (the extension, the dashboard and scripts use them).'];
    io.stdout.write(
      [
        '',
        `Liaison hub for ${hub.policy.library.name} is running at ${hub.url}`,
        `  policy:   ${policyFile}`,
        `  store:    ${hub.store.kind === 'postgres' ? 'PostgreSQL (DATABASE_URL)' : 'embedded PGlite'}`,
        ...hub.context.connectors.describe().map((line) => `  systems:  ${line}`),
        ...connectionLines(io.env, hub.slackMode, hub.url, hub.policy.teams !== undefined),
        '',
        ...tryIt,
        `Health:    ${hub.url}/healthz   Metrics: ${hub.url}/metrics`,
        token
          ? 'This admin token is for trying the demo: it works for a day, or until the next start. Create real ones with `liaison token create`. Stop with Ctrl-C.'
          : 'Stop with Ctrl-C.',
        '',
      ].join('\n'),
    );
    await new Promise<void>((done) => {
      const stop = () => {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        io.stdout.write('Stopping: no new requests or reminders; finishing what is in flight (at most 20 s).\n');
        // A service manager waits a while before it kills (systemd 90 s, docker 10 s by default): stop well inside it.
        const deadline = setTimeout(() => {
          io.stderr.write('Stopped before everything in flight finished; reminders not sent are sent by the next hub to run.\n');
          done();
        }, 20_000);
        hub.stop().finally(() => {
          clearTimeout(deadline);
          done();
        });
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    });
    return 0;
  },
};
