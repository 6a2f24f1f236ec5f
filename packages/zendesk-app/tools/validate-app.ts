/**
 * Checks a built Zendesk app folder the way Zendesk's own validation does (the rules of the
 * `zendesk_apps_support` gem that `zcli apps:validate` runs on Zendesk's servers), so a broken
 * manifest, location, parameter or translation fails the build here with a clear message instead
 * of at upload time. A few rules of our own follow Zendesk's: every parameter has a label in
 * every language, and every language has every sidebar message.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Issue } from '@liaison/core';

/** An issue in one file of the app, e.g. `manifest.json` at `['parameters', 1, 'type']`. */
export interface AppIssue extends Issue {
  file: string;
  /** Warnings are printed; errors fail the build. */
  severity: 'error' | 'warning';
}

/** Framework versions Zendesk accepts for a new or updated app. */
export const frameworkVersionsForUpload = ['2.0'];
/** Zendesk's parameter types. */
export const parameterTypes = ['text', 'password', 'checkbox', 'url', 'number', 'multiline', 'hidden', 'oauth'];
/** Locations per product; `zendesk` and `zopim` are the legacy names of `support` and `chat`. */
export const locationsByProduct: Record<string, string[]> = {
  support: [
    'top_bar', 'nav_bar', 'ticket_sidebar', 'new_ticket_sidebar', 'user_sidebar', 'organization_sidebar',
    'background', 'modal', 'ticket_editor', 'system_top_bar', 'ticket_module',
  ],
  chat: ['chat_sidebar', 'background'],
};
const legacyProductNames: Record<string, string> = { zendesk: 'support', zopim: 'chat' };
const validLocale = /^[a-z]{2}(-\w{2,3})?$/;
const booleanKeys = ['requirementsOnly', 'marketingOnly', 'singleInstall', 'signedUrls', 'private'];
const stringKeys = ['defaultLocale', 'version', 'frameworkVersion', 'remoteInstallationURL', 'termsConditionsURL', 'gaID'];
const secretLookingName = /token|key|pwd|password|secret/i;
const publicAppKeys = ['name', 'short_description', 'long_description', 'installation_instructions'];

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
const isObject = (value: unknown): value is Record<string, Json> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Every issue with the app in `appDir` (manifest.json, translations/, assets/); empty when it is fine. */
export function validateApp(appDir: string): AppIssue[] {
  const issues: AppIssue[] = [];
  const manifestPath = join(appDir, 'manifest.json');
  if (!existsSync(manifestPath)) {
    return [{ file: 'manifest.json', path: [], severity: 'error', message: 'there is no manifest.json at the top of the app', hint: 'zcli packages the folder that holds manifest.json; put it there' }];
  }
  const manifest = readJson(manifestPath, 'manifest.json', issues);
  if (!isObject(manifest)) {
    if (manifest !== undefined) issues.push({ file: 'manifest.json', path: [], severity: 'error', message: 'the manifest is not a JSON object' });
    return issues;
  }
  const translations = readTranslations(appDir, issues);
  issues.push(...checkManifest(manifest, appDir, translations));
  issues.push(...checkTranslations(manifest, translations));
  return issues;
}

/** One line per issue: `manifest.json parameters[1].type: … (hint)`. */
export function formatAppIssue(issue: AppIssue): string {
  const path = issue.path.reduce<string>((text, part) => (typeof part === 'number' ? `${text}[${part}]` : text ? `${text}.${part}` : part), '');
  return `${issue.severity === 'error' ? 'error' : 'warning'}: ${issue.file}${path ? ` ${path}` : ''}: ${issue.message}${issue.hint ? ` (${issue.hint})` : ''}`;
}

function readJson(path: string, file: string, issues: AppIssue[]): Json | undefined {
  const text = readFileSync(path, 'utf8');
  try {
    const value = JSON.parse(text) as Json;
    const duplicate = firstDuplicateKey(text);
    if (duplicate) issues.push({ file, path: [], severity: 'error', message: `the key "${duplicate}" appears twice in one object`, hint: 'Zendesk refuses manifests with duplicate keys; keep one' });
    return value;
  } catch (error) {
    issues.push({ file, path: [], severity: 'error', message: `not valid JSON: ${(error as Error).message}` });
    return undefined;
  }
}

/** The first key repeated within one object, found with a small scan (JSON.parse keeps the last silently). */
function firstDuplicateKey(text: string): string | undefined {
  const open: { isObject: boolean; keys: Set<string>; expectKey: boolean }[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    const top = open[open.length - 1];
    if (c === '{' || c === '[') open.push({ isObject: c === '{', keys: new Set(), expectKey: c === '{' });
    else if (c === '}' || c === ']') open.pop();
    else if (c === ',' && top?.isObject) top.expectKey = true;
    else if (c === '"') {
      let end = i + 1;
      while (end < text.length && text[end] !== '"') end += text[end] === '\\' ? 2 : 1;
      if (top?.isObject && top.expectKey) {
        const key = text.slice(i + 1, end);
        if (top.keys.has(key)) return key;
        top.keys.add(key);
        top.expectKey = false;
      }
      i = end;
    }
  }
  return undefined;
}

function readTranslations(appDir: string, issues: AppIssue[]): Map<string, Record<string, Json>> {
  const result = new Map<string, Record<string, Json>>();
  const dir = join(appDir, 'translations');
  if (!existsSync(dir)) return result;
  for (const name of readdirSync(dir).sort()) {
    if (!name.endsWith('.json')) continue;
    const file = `translations/${name}`;
    const locale = name.slice(0, -'.json'.length);
    if (!validLocale.test(locale)) {
      issues.push({ file, path: [], severity: 'error', message: `"${locale}" is not a locale Zendesk accepts`, hint: 'name the file after a locale such as en, es, fr or pt-br' });
      continue;
    }
    const json = readJson(join(dir, name), file, issues);
    if (json === undefined) continue;
    if (!isObject(json)) {
      issues.push({ file, path: [], severity: 'error', message: 'a translation file must be a JSON object' });
      continue;
    }
    result.set(locale, json);
  }
  return result;
}

function checkManifest(manifest: Record<string, Json>, appDir: string, translations: Map<string, Record<string, Json>>): AppIssue[] {
  const issues: AppIssue[] = [];
  const add = (path: (string | number)[], message: string, hint?: string, severity: AppIssue['severity'] = 'error') =>
    issues.push({ file: 'manifest.json', path, severity, message, ...(hint && { hint }) });

  // Required keys and their types.
  const author = manifest['author'];
  if (author === undefined) add(['author'], 'the author is missing', 'add "author": { "name", "email", "url" }');
  else if (!isObject(author)) add(['author'], 'the author must be an object with name, email and url');
  else {
    for (const key of ['name', 'email'] as const) {
      if (typeof author[key] !== 'string' || author[key] === '') add(['author', key], `the author's ${key} is missing`);
    }
    const url = author['url'];
    if (url !== undefined && (typeof url !== 'string' || !/^https?:\/\//.test(url))) add(['author', 'url'], 'the author url must start with http:// or https://');
  }
  for (const key of stringKeys) {
    if (manifest[key] !== undefined && typeof manifest[key] !== 'string') add([key], `${key} must be a string`, `write it in quotes, e.g. "${String(manifest[key])}"`);
  }
  for (const key of booleanKeys) {
    if (manifest[key] !== undefined && typeof manifest[key] !== 'boolean') add([key], `${key} must be true or false`);
  }
  const defaultLocale = manifest['defaultLocale'];
  if (defaultLocale === undefined) add(['defaultLocale'], 'defaultLocale is missing', 'add "defaultLocale": "en"');
  else if (typeof defaultLocale === 'string') {
    if (!validLocale.test(defaultLocale)) add(['defaultLocale'], `"${defaultLocale}" is not a locale Zendesk accepts`, 'use a locale such as "en"');
    else if (!translations.has(defaultLocale)) add(['defaultLocale'], `there is no translations/${defaultLocale}.json for the default locale`, `add translations/${defaultLocale}.json with app.name`);
  }

  const frameworkVersion = manifest['frameworkVersion'];
  if (frameworkVersion === undefined) add(['frameworkVersion'], 'frameworkVersion is missing', 'add "frameworkVersion": "2.0"');
  else if (typeof frameworkVersion === 'string' && !frameworkVersionsForUpload.includes(frameworkVersion)) {
    add(['frameworkVersion'], `Zendesk does not accept new apps for framework version "${frameworkVersion}"`, 'use "2.0"');
  }

  const whitelist = manifest['domainWhitelist'];
  if (whitelist !== undefined && !(Array.isArray(whitelist) && whitelist.every((d) => typeof d === 'string'))) {
    add(['domainWhitelist'], 'domainWhitelist must be a list of domain names', 'e.g. ["liaison.library.example.edu"]');
  }

  checkLocations(manifest['location'], appDir, add);

  // Parameters.
  const parameters = manifest['parameters'];
  if (parameters !== undefined && !Array.isArray(parameters)) add(['parameters'], 'parameters must be a list');
  if (Array.isArray(parameters)) {
    const seen = new Set<string>();
    let oauthCount = 0;
    let secureCount = 0;
    parameters.forEach((parameter, index) => {
      if (!isObject(parameter)) return add(['parameters', index], 'each parameter must be an object with a name and a type');
      const name = parameter['name'];
      const type = parameter['type'] ?? 'text';
      if (typeof name !== 'string' || name === '') add(['parameters', index, 'name'], 'the parameter has no name');
      else {
        if (seen.has(name)) add(['parameters', index, 'name'], `the parameter "${name}" is defined twice`, 'keep one');
        seen.add(name);
        if (name === 'name') add(['parameters', index, 'name'], '"name" cannot be a parameter name', 'Zendesk uses it for the installation\'s name; choose another');
      }
      if (typeof type !== 'string' || !parameterTypes.includes(type)) {
        add(['parameters', index, 'type'], `"${String(type)}" is not a parameter type`, `use one of ${parameterTypes.join(', ')}`);
      }
      for (const key of ['required', 'secure'] as const) {
        if (parameter[key] !== undefined && typeof parameter[key] !== 'boolean') add(['parameters', index, key], `${key} must be true or false`);
      }
      if (type === 'hidden' && parameter['required'] === true) add(['parameters', index, 'required'], 'a hidden parameter cannot be required', 'give it a default instead');
      if (type === 'oauth') {
        oauthCount++;
        if (parameter['secure'] === true) add(['parameters', index, 'secure'], 'an oauth parameter cannot be secure');
      }
      if (parameter['secure'] === true) secureCount++;
      if (typeof name === 'string' && secretLookingName.test(name) && (type === 'text' || type === 'password') && parameter['secure'] !== true) {
        add(['parameters', index, 'secure'], `"${name}" looks like a secret but is not secure`, 'add "secure": true so only Zendesk\'s proxy can read it', 'warning');
      }
      if ((parameter['secure'] === true || type === 'hidden') && 'default' in parameter) {
        add(['parameters', index, 'default'], 'a secure or hidden parameter should not have a default', 'anyone can read the manifest', 'warning');
      }
    });
    if (oauthCount > 1) add(['parameters'], 'an app can have only one oauth parameter');
    if (secureCount > 0 && whitelist === undefined) {
      add(['domainWhitelist'], 'secure settings are sent only to domains in domainWhitelist, and there is none', 'package with --hub-domain=<your hub\'s host name>', 'warning');
    }
  }
  return issues;
}

function checkLocations(
  location: Json | undefined,
  appDir: string,
  add: (path: (string | number)[], message: string, hint?: string) => void,
): void {
  if (location === undefined) {
    add(['location'], 'location is missing', 'add "location": { "support": { "ticket_sidebar": { "url": "assets/iframe.html" } } }');
    return;
  }
  if (!isObject(location)) {
    add(['location'], 'in framework version 2, location must name each product and location with its URL', 'e.g. { "support": { "ticket_sidebar": { "url": "assets/iframe.html" } } }');
    return;
  }
  for (const [productKey, places] of Object.entries(location)) {
    const product = legacyProductNames[productKey] ?? productKey;
    const known = locationsByProduct[product];
    if (!known) {
      add(['location', productKey], `"${productKey}" is not a Zendesk product`, `use one of ${Object.keys(locationsByProduct).join(', ')}`);
      continue;
    }
    if (!isObject(places)) {
      add(['location', productKey], 'each product must map location names to their URLs');
      continue;
    }
    for (const [name, options] of Object.entries(places)) {
      const path = ['location', productKey, name];
      if (!known.includes(name)) {
        add(path, `"${name}" is not a ${product} location`, `use one of ${known.join(', ')}`);
        continue;
      }
      const settings = typeof options === 'string' ? { url: options } : options;
      if (!isObject(settings)) {
        add(path, 'a location is a URL or an object with a url', 'e.g. { "url": "assets/iframe.html", "flexible": true }');
        continue;
      }
      const url = settings['url'];
      const autoLoad = settings['autoLoad'] ?? true;
      if (typeof url !== 'string' || url === '') {
        if (autoLoad !== false) add([...path, 'url'], 'the location has no url', 'e.g. "assets/iframe.html"');
      } else if (!url.includes('{{setting.')) {
        if (/^[a-z][a-z0-9+.-]*:/i.test(url)) {
          let parsed: URL | undefined;
          try { parsed = new URL(url); } catch { parsed = undefined; }
          if (!parsed || !(parsed.protocol === 'https:' || parsed.hostname === 'localhost')) add([...path, 'url'], `"${url}" must be https (or localhost while developing)`);
        } else if (!url.startsWith('assets/')) {
          add([...path, 'url'], `"${url}" must be a file under assets/`, 'e.g. "assets/iframe.html"');
        } else if (!existsSync(join(appDir, url.split(/[?#]/)[0]!))) {
          add([...path, 'url'], `"${url}" is not in the app`, 'build the app first, or fix the path');
        }
      }
      if (settings['flexible'] !== undefined && typeof settings['flexible'] !== 'boolean') add([...path, 'flexible'], 'flexible must be true or false');
    }
  }
}

function checkTranslations(manifest: Record<string, Json>, translations: Map<string, Record<string, Json>>): AppIssue[] {
  const issues: AppIssue[] = [];
  const isPrivate = manifest['private'] !== false;
  const parameterNames = Array.isArray(manifest['parameters'])
    ? manifest['parameters'].flatMap((p) => (isObject(p) && typeof p['name'] === 'string' && p['type'] !== 'hidden' ? [p['name']] : []))
    : [];
  const english = translations.get('en');
  const englishSidebar = english && isObject(english['sidebar']) ? english['sidebar'] : undefined;

  for (const [locale, json] of translations) {
    const file = `translations/${locale}.json`;
    const add = (path: (string | number)[], message: string, hint?: string) => issues.push({ file, path, severity: 'error', message, ...(hint && { hint }) });
    const app = json['app'];
    if (!isObject(app)) {
      add(['app'], 'the "app" section is missing', 'add "app": { "name": … }');
      continue;
    }
    if (locale === 'en') {
      const required = isPrivate ? ['name'] : publicAppKeys;
      const present = Object.keys(app).map((key) => (key === 'description' ? 'short_description' : key));
      for (const key of required.filter((k) => !present.includes(k))) add(['app', key], `app.${key} is missing`, isPrivate ? undefined : 'a public app lists it in the Marketplace');
    }
    if (typeof app['name'] === 'string' && app['name'].length > 40) add(['app', 'name'], 'the app name is longer than 40 characters');
    for (const name of parameterNames) {
      const parameter = isObject(app['parameters']) ? app['parameters'][name] : undefined;
      if (!isObject(parameter) || typeof parameter['label'] !== 'string' || parameter['label'] === '') {
        add(['app', 'parameters', name, 'label'], `the setting "${name}" has no label`, 'Zendesk shows the bare name to the admin otherwise');
      }
    }
    if (englishSidebar && locale !== 'en') {
      const sidebar = isObject(json['sidebar']) ? json['sidebar'] : {};
      for (const missing of missingKeys(englishSidebar, sidebar)) add(['sidebar', ...missing], 'this message is in English but not here', 'translate it');
    }
  }
  return issues;
}

function missingKeys(reference: Record<string, Json>, candidate: Record<string, Json>): string[][] {
  const missing: string[][] = [];
  for (const [key, value] of Object.entries(reference)) {
    const other = candidate[key];
    if (isObject(value)) {
      if (!isObject(other)) missing.push([key]);
      else missing.push(...missingKeys(value, other).map((path) => [key, ...path]));
    } else if (typeof other !== 'string' || other === '') missing.push([key]);
  }
  return missing;
}
