import { openStoreFor } from '../config/store-location.js';
import type { Command } from '../command.js';
import { formatLocatedIssue, loadPolicyFile } from '../config/load-policy.js';
import { seedDemoData } from '../demo/seed.js';
import { createLogger } from '../hub/logging.js';
import { choosePolicyFile } from './serve.js';

export const demoCommand: Command = {
  usage: [
    'Usage: liaison demo [--config FILE] [--data-dir DIR]',
    '',
    'Routes a dozen realistic questions through the policy (real departments and due times) and',
    'walks some through accept, wait and resolve. Does nothing if the store already has hand-offs.',
  ].join('\n'),
  async run(args, io) {
    const at = (flag: string) => (args.indexOf(flag) >= 0 ? args[args.indexOf(flag) + 1] : undefined);
    const policyFile = choosePolicyFile(io, at('--config'));
    const loaded = await loadPolicyFile(policyFile);
    if (!loaded.ok) {
      for (const issue of loaded.issues) io.stderr.write(formatLocatedIssue(policyFile, issue) + '\n');
      return 1;
    }
    const opened = await openStoreFor('demo', io, at('--data-dir'));
    if (!opened) return 1;
    const { store } = opened;
    try {
      const created = await seedDemoData(store, loaded.policy, new Date(), createLogger({ level: 'warn' }));
      io.stdout.write(created > 0 ? `Loaded ${created} demo hand-offs.\n` : 'The store already has hand-offs; nothing loaded.\n');
      return 0;
    } finally {
      await store.close();
    }
  },
};
