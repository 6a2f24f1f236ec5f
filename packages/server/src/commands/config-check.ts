import { resolve } from 'node:path';
import { connectorSettingsIssues } from '@liaison/connectors';
import { policyWarnings } from '@liaison/core';
import { teamsWithoutBackup } from '@liaison/core';
import type { Command } from '../command.js';
import { formatLocatedIssue, loadPolicyFile } from '../config/load-policy.js';

export const configCheckCommand: Command = {
  usage: [
    'Usage: liaison config check [FILE]',
    '',
    'Checks FILE (default liaison.config.yaml, as `connectors check`) against the policy schema and prints every problem with its line, its path',
    'and how to fix it. Exits 0 when the file is valid, 1 otherwise.',
  ].join('\n'),
  async run(args, io) {
    const file = args.find((a) => !a.startsWith('-')) ?? 'liaison.config.yaml';
    const result = await loadPolicyFile(resolve(io.cwd, file));
    if (!result.ok) {
      for (const issue of result.issues) io.stderr.write(formatLocatedIssue(file, issue) + '\n');
      const count = result.issues.length;
      io.stderr.write(`${count} problem${count === 1 ? '' : 's'} in ${file}.\n`);
      return 1;
    }
    const { policy } = result;
    // Each system's settings, and the environment variables holding its secrets, as the hub will read them.
    const connectorIssues = connectorSettingsIssues(policy.connectors, io.env);
    if (connectorIssues.length > 0) {
      for (const issue of connectorIssues) io.stderr.write(formatLocatedIssue(file, issue) + '\n');
      io.stderr.write(`${connectorIssues.length} problem${connectorIssues.length === 1 ? '' : 's'} with the systems in ${file} (the hub would not start).\n`);
      return 1;
    }
    // A team with no backup is allowed (a small library may have one liaison) but is worth a warning.
    for (const warning of teamsWithoutBackup(policy.liaison_teams)) {
      io.stderr.write(`warning: ${formatLocatedIssue(file, warning)}\n`);
    }
    // Valid, but likely not meant: said, and the exit stays 0.
    for (const warning of policyWarnings(policy)) io.stderr.write(`warning: ${formatLocatedIssue(file, warning)}\n`);
    io.stdout.write(
      `${file} is valid: ${policy.library.name}, ${policy.departments.length} departments, ` +
        `${policy.handoff.rules.length} routing rules, time zone ${policy.library.time_zone}.\n`,
    );
    return 0;
  },
};
