/**
 * The dashboard as a Microsoft Teams tab (teams-js 2.x): initialise when Teams frames the page,
 * follow Teams' theme (default, dark, high contrast), sign in with single sign-on, and on the
 * configuration page let the channel pick which department's queue the tab shows. Outside Teams
 * `app.initialize()` has no host to answer it; the page then signs in with a staff token.
 */
import { app, authentication, pages } from '@microsoft/teams-js';

/** How long to wait for a Teams host to answer before treating the page as outside Teams (ms). */
const hostTimeoutMs = 4000;

export type TeamsTheme = 'default' | 'dark' | 'contrast';

/** Shows the page in Teams' theme ("default", "dark" or "contrast"; anything else reads as default). */
export function applyTheme(theme: string | undefined): void {
  document.documentElement.dataset['theme'] = theme === 'dark' || theme === 'contrast' ? theme : 'default';
}

export interface TeamsHost {
  /** Where the page runs in Teams: 'content' (a tab) or 'settings' (the configuration page). */
  frameContext: string | undefined;
  /** The e-mail or UPN Teams knows the person by, for the sign-in hint. */
  loginHint: string | undefined;
}

/** Initialises teams-js when a Teams host frames the page; undefined outside Teams. */
export async function connectToTeams(): Promise<TeamsHost | undefined> {
  if (window.parent === window) return undefined;
  try {
    await Promise.race([app.initialize(), new Promise((_resolve, reject) => setTimeout(() => reject(new Error('no Teams host')), hostTimeoutMs))]);
    const context = await app.getContext();
    applyTheme(context.app.theme);
    app.registerOnThemeChangeHandler(applyTheme);
    return { frameContext: context.page.frameContext, loginHint: context.user?.loginHint };
  } catch {
    return undefined;
  }
}

/** Exchanges Teams' single sign-on token for a dashboard session; rejects with the hub's sentence. */
export async function signInWithTeams(): Promise<void> {
  const token = await authentication.getAuthToken();
  const response = await fetch('/dashboard/session/teams', {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token }),
  });
  if (!response.ok) {
    const payload = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
    throw new Error(payload?.error?.message ?? `Teams sign-in failed (${response.status}).`);
  }
}

/** On the configuration page: saves the chosen department's queue as the channel tab's content. */
export function offerTabConfiguration(department: () => { id: string; name: string } | undefined): (valid: boolean) => void {
  pages.config.registerOnSaveHandler((saveEvent) => {
    const chosen = department();
    if (!chosen) {
      saveEvent.notifyFailure('Choose a department first.');
      return;
    }
    const contentUrl = `${location.origin}/dashboard/tab#/queues?department=${encodeURIComponent(chosen.id)}`;
    pages.config
      .setConfig({ entityId: `queue-${chosen.id}`, contentUrl, websiteUrl: contentUrl, suggestedDisplayName: `${chosen.name} queue` })
      .then(() => saveEvent.notifySuccess())
      .catch((error: Error) => saveEvent.notifyFailure(error.message));
  });
  return (valid) => pages.config.setValidityState(valid);
}
