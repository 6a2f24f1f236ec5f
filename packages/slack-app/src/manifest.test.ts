import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { expect, it } from 'vitest';
import { botScopes } from './app.js';
import { handoffShortcutCallback } from './listeners/handoff.js';

const manifest = parse(readFileSync(new URL('../manifest.yml', import.meta.url), 'utf8'));

it('asks Slack for exactly the scopes the app uses', () => {
  expect([...manifest.oauth_config.scopes.bot].sort()).toEqual([...botScopes].sort());
});

it('declares every command, the shortcut, App Home and interactivity the listeners handle', () => {
  expect(manifest.features.slash_commands.map((c: { command: string }) => c.command)).toEqual(['/handoff', '/handoffs', '/ill']);
  expect(manifest.features.shortcuts).toEqual([expect.objectContaining({ type: 'message', callback_id: handoffShortcutCallback })]);
  expect(manifest.features.app_home.home_tab_enabled).toBe(true);
  expect([...manifest.settings.event_subscriptions.bot_events].sort()).toEqual(['app_home_opened', 'app_uninstalled', 'tokens_revoked']);
  expect(manifest.settings.interactivity.is_enabled).toBe(true);
  for (const command of manifest.features.slash_commands) expect(command.url).toMatch(/\/slack\/events$/);
});
