/**
 * The page a person sees when a Slack installation (OAuth) cannot finish. Bolt's own page answers
 * 500 for anything but a missing state or code; a refused workspace or a code Slack will not take
 * twice is the installer's situation, not the hub's fault, so it gets a 4xx saying what to do.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ForeignWorkspaceError } from './trust.js';

interface InstallError extends Error {
  code?: string;
}

/** The status and words for an installation that did not finish. */
export function installFailure(error: InstallError): { status: number; title: string; advice: string } {
  if (error instanceof ForeignWorkspaceError) {
    return {
      status: 403,
      title: 'This Slack workspace is not one this library’s Liaison serves',
      advice: 'Ask the library’s Liaison administrator to add the workspace’s team id to slack.workspaces in the policy file, then install again.',
    };
  }
  switch (error.code) {
    case 'slack_oauth_missing_state':
    case 'slack_oauth_invalid_state':
    case 'slack_oauth_missing_code':
      return { status: 400, title: 'This installation link has expired or was opened in another browser', advice: 'Start again from the library’s install link, in one browser.' };
    case 'slack_webapi_platform_error':
      return { status: 400, title: 'Slack did not accept this installation (its code may have been used already)', advice: 'Start again from the library’s install link.' };
    case 'slack_webapi_request_error':
    case 'slack_webapi_http_error':
    case 'slack_webapi_rate_limited_error':
      return { status: 502, title: 'Slack could not be reached to finish the installation', advice: 'Try again in a few minutes.' };
    default:
      return { status: 500, title: 'The installation could not be saved', advice: 'Try again; if it keeps failing, ask the library’s Liaison administrator to look at the hub’s log.' };
  }
}

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Bolt's `callbackOptions.failure`: writes the page for `installFailure(error)`. */
export function writeInstallFailure(error: InstallError, _options: unknown, _request: IncomingMessage, response: ServerResponse): void {
  const { status, title, advice } = installFailure(error);
  response.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  response.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body><h1>${escapeHtml(title)}</h1><p>${escapeHtml(advice)}</p></body></html>`);
}
