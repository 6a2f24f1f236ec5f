import { createHash } from 'node:crypto';
import helmet from '@fastify/helmet';
import type { FastifyInstance, RouteOptions } from 'fastify';

/**
 * Where Microsoft hosts a Teams tab (and the Microsoft 365 apps a Teams app can also open in),
 * as Microsoft lists them for `frame-ancestors` in "Prerequisites" of
 * https://learn.microsoft.com/microsoftteams/platform/tabs/how-to/tab-requirements.
 */
export const teamsFrameAncestors = [
  'https://*.cloud.microsoft',
  'https://teams.microsoft.com',
  'https://*.teams.microsoft.com',
  'https://*.microsoft365.com',
  'https://*.office.com',
  'https://outlook.office.com',
  'https://outlook.office365.com',
  'https://outlook-sdf.office.com',
  'https://outlook-sdf.office365.com',
];

type Directives = Record<string, string[]>;

/**
 * Every page the hub serves loads only its own files: no inline script, no other origin, no
 * plugins, and no page may frame it unless its route says so.
 */
function strictDirectives(overrides: Directives = {}): Directives {
  return {
    'default-src': ["'self'"],
    'script-src': ["'self'"],
    'style-src': ["'self'"],
    'img-src': ["'self'", 'data:'],
    'font-src': ["'self'"],
    'connect-src': ["'self'"],
    'object-src': ["'none'"],
    'base-uri': ["'none'"],
    'form-action': ["'self'"],
    'frame-ancestors': ["'none'"],
    ...overrides,
  };
}

/** A page whose only inline part is one `<style>` element may carry that exact style and nothing else. */
export function inlineStyleSource(css: string): string {
  return `'sha256-${createHash('sha256').update(css).digest('base64')}'`;
}

/** Route options for a page with one inline `<style>`: the strict policy, that style allowed by its hash. */
export function withInlineStyle(css: string): { helmet: { contentSecurityPolicy: { useDefaults: false; directives: Directives } } } {
  return { helmet: { contentSecurityPolicy: { useDefaults: false, directives: strictDirectives({ 'style-src': ["'self'", inlineStyleSource(css)] }) } } };
}

/** The dashboard runs as a Teams tab too: Teams (and the hub's own pages) may frame it, nothing else. */
const framedByTeams = {
  contentSecurityPolicy: { useDefaults: false, directives: strictDirectives({ 'frame-ancestors': ["'self'", ...teamsFrameAncestors] }) },
  // X-Frame-Options cannot name several hosts; frame-ancestors says who may frame the tab.
  xFrameOptions: false,
} as const;

const isDashboardRoute = (url: string) => url === '/dashboard' || url.startsWith('/dashboard/');

/**
 * Security headers on every answer, by helmet: a strict Content-Security-Policy, `nosniff`, no
 * framing (`frame-ancestors 'none'` and `X-Frame-Options: DENY`), no referrer. The dashboard's
 * routes (any under /dashboard/) may be framed by Microsoft Teams. Register before any route.
 */
export async function registerSecurityHeaders(app: FastifyInstance): Promise<void> {
  app.addHook('onRoute', (route: RouteOptions & { helmet?: unknown }) => {
    if (isDashboardRoute(route.url) && route.helmet === undefined) route.helmet = framedByTeams;
  });
  await app.register(helmet, {
    contentSecurityPolicy: { useDefaults: false, directives: strictDirectives() },
    xFrameOptions: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
  });
}

/**
 * The same headers for answers written outside Fastify's hooks (a request Node's parser or
 * Fastify's router refused): such an answer is JSON and needs no more than this.
 */
export const headersOutsideHooks: Record<string, string> = {
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
};
