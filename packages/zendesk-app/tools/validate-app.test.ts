import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatAppIssue, validateApp } from './validate-app.js';

const source = join(import.meta.dirname, '..', 'app');

/** A copy of the app's folder with one change applied, validated. */
function validateChanged(change: (dir: string) => void) {
  const dir = mkdtempSync(join(tmpdir(), 'zendesk-app-'));
  cpSync(source, dir, { recursive: true });
  change(dir);
  const issues = validateApp(dir);
  rmSync(dir, { recursive: true, force: true });
  return issues;
}

// The JSON files are edited freely here to break them on purpose.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Editable = Record<string, any>;

function editJson(dir: string, file: string, edit: (json: Editable) => void): void {
  const path = join(dir, file);
  const json = JSON.parse(readFileSync(path, 'utf8'));
  edit(json);
  writeFileSync(path, JSON.stringify(json, null, 2));
}

const manifest = (edit: (m: Editable) => void) => (dir: string) => editJson(dir, 'manifest.json', edit);

describe('validateApp', () => {
  it('passes the app as shipped, warning only that the hub domain is not yet whitelisted', () => {
    const issues = validateApp(source);
    expect(issues.filter((issue) => issue.severity === 'error')).toEqual([]);
    expect(issues.map(formatAppIssue)).toEqual([
      "warning: manifest.json domainWhitelist: secure settings are sent only to domains in domainWhitelist, and there is none (package with --hub-domain=<your hub's host name>)",
    ]);
  });

  it.each([
    ['no author', manifest((m) => delete m.author), 'manifest.json author: the author is missing'],
    ['an author url without a scheme', manifest((m) => (m.author.url = 'example.org')), 'manifest.json author.url: the author url must start with http:// or https://'],
    ['no frameworkVersion', manifest((m) => delete m.frameworkVersion), 'manifest.json frameworkVersion: frameworkVersion is missing'],
    ['framework version 1.0', manifest((m) => (m.frameworkVersion = '1.0')), 'manifest.json frameworkVersion: Zendesk does not accept new apps for framework version "1.0"'],
    ['a numeric version', manifest((m) => (m.version = 1)), 'manifest.json version: version must be a string'],
    ['private as a string', manifest((m) => (m.private = 'yes')), 'manifest.json private: private must be true or false'],
    ['a default locale without its file', manifest((m) => (m.defaultLocale = 'de')), 'manifest.json defaultLocale: there is no translations/de.json for the default locale'],
    ['an unknown location', manifest((m) => (m.location.support.ticket_sidbar = { url: 'assets/iframe.html' })), 'manifest.json location.support.ticket_sidbar: "ticket_sidbar" is not a support location'],
    ['an unknown product', manifest((m) => (m.location.sell = {})), 'manifest.json location.sell: "sell" is not a Zendesk product'],
    ['a location url outside assets/', manifest((m) => (m.location.support.ticket_sidebar.url = 'iframe.html')), 'manifest.json location.support.ticket_sidebar.url: "iframe.html" must be a file under assets/'],
    ['a location page that is missing', manifest((m) => (m.location.support.user_sidebar.url = 'assets/user.html')), 'manifest.json location.support.user_sidebar.url: "assets/user.html" is not in the app'],
    ['an http location', manifest((m) => (m.location.support.ticket_sidebar.url = 'http://hub.example.edu/sidebar')), 'manifest.json location.support.ticket_sidebar.url: "http://hub.example.edu/sidebar" must be https'],
    ['flexible as a string', manifest((m) => (m.location.support.ticket_sidebar.flexible = 'true')), 'manifest.json location.support.ticket_sidebar.flexible: flexible must be true or false'],
    ['locations as a list', manifest((m) => (m.location = ['ticket_sidebar'])), 'manifest.json location: in framework version 2, location must name each product'],
    ['an unknown parameter type', manifest((m) => (m.parameters[0].type = 'string')), 'manifest.json parameters[0].type: "string" is not a parameter type'],
    ['a duplicate parameter', manifest((m) => m.parameters.push({ ...m.parameters[0] })), 'manifest.json parameters[2].name: the parameter "hub_url" is defined twice'],
    ['a parameter called name', manifest((m) => (m.parameters[0].name = 'name')), 'manifest.json parameters[0].name: "name" cannot be a parameter name'],
    ['secure as a string', manifest((m) => (m.parameters[1].secure = 'true')), 'manifest.json parameters[1].secure: secure must be true or false'],
    ['a required hidden parameter', manifest((m) => m.parameters.push({ name: 'mode', type: 'hidden', required: true })), 'manifest.json parameters[2].required: a hidden parameter cannot be required'],
    ['duplicate keys', (dir: string) => writeFileSync(join(dir, 'manifest.json'), readFileSync(join(dir, 'manifest.json'), 'utf8').replace('"private": true,', '"private": true,\n  "private": false,')), 'manifest.json: the key "private" appears twice in one object'],
    ['a manifest that is not JSON', (dir: string) => writeFileSync(join(dir, 'manifest.json'), '{ "name": "Liaison", }'), 'manifest.json: not valid JSON'],
    ['a translation file with a bad locale name', (dir: string) => writeFileSync(join(dir, 'translations', 'english.json'), '{}'), 'translations/english.json: "english" is not a locale Zendesk accepts'],
    ['an English file without the app name', (dir: string) => editJson(dir, 'translations/en.json', (j) => delete j.app.name), 'translations/en.json app.name: app.name is missing'],
    ['a setting without a label in French', (dir: string) => editJson(dir, 'translations/fr.json', (j) => delete j.app.parameters.shared_secret), 'translations/fr.json app.parameters.shared_secret.label: the setting "shared_secret" has no label'],
    ['a sidebar message missing in Spanish', (dir: string) => editJson(dir, 'translations/es.json', (j) => delete j.sidebar.state.resolved), 'translations/es.json sidebar.state.resolved: this message is in English but not here'],
  ])('refuses %s', (_case, change, expected) => {
    const errors = validateChanged(change).filter((issue) => issue.severity === 'error').map(formatAppIssue);
    expect(errors.some((line) => line.startsWith(`error: ${expected}`))).toBe(true);
  });

  it('asks a public app for every Marketplace text in English', () => {
    const errors = validateChanged((dir) => {
      manifest((m) => (m.private = false))(dir);
      editJson(dir, 'translations/en.json', (j) => delete j.app.installation_instructions);
    })
      .filter((issue) => issue.severity === 'error')
      .map(formatAppIssue);
    expect(errors).toEqual(['error: translations/en.json app.installation_instructions: app.installation_instructions is missing (a public app lists it in the Marketplace)']);
  });

  it('warns when a setting that looks like a secret is not secure', () => {
    const issues = validateChanged(manifest((m) => m.parameters.push({ name: 'api_token', type: 'text' })));
    expect(issues.map(formatAppIssue)).toContain(
      'warning: manifest.json parameters[2].secure: "api_token" looks like a secret but is not secure (add "secure": true so only Zendesk\'s proxy can read it)',
    );
  });
});
