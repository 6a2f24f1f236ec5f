/**
 * The dashboard's page: signs in (a staff token, or Teams single sign-on inside Teams), then shows
 * the page the address names. Everything it shows comes from the hub's API.
 */
import { render } from 'preact';
import { useCallback, useEffect, useState } from 'preact/hooks';
import { api, ApiError, type Me } from './api.js';
import { disconnect } from './live.js';
import { HandoffPage } from './pages/handoff.js';
import { Queues } from './pages/queues.js';
import { Service } from './pages/service.js';
import { Questions } from './pages/questions.js';
import { Purchases } from './pages/purchases.js';
import { SignIn } from './pages/sign-in.js';
import { href, useRoute } from './route.js';
import { Configure } from './pages/configure.js';
import { connectToTeams, signInWithTeams, type TeamsHost } from './teams.js';

const pages = [
  { page: 'queues', title: 'Queues' },
  { page: 'service', title: 'Service' },
  { page: 'questions', title: 'What the questions say' },
  { page: 'purchases', title: 'Buy or borrow' },
] as const;

function Page({ me, route }: { me: Me; route: ReturnType<typeof useRoute> }) {
  if (route.page === 'handoff' && route.id) return <HandoffPage id={route.id} me={me} />;
  if (route.page === 'service') return <Service me={me} route={route} />;
  if (route.page === 'questions') return <Questions route={route} />;
  if (route.page === 'purchases') return <Purchases route={route} />;
  return <Queues me={me} route={route} />;
}

const isConfigurePage = location.pathname.endsWith('/configure');

function App({ teams }: { teams: TeamsHost | undefined }) {
  const route = useRoute();
  const [me, setMe] = useState<Me | null | undefined>();
  const [notice, setNotice] = useState<string | undefined>();
  const loadMe = useCallback((afterTeamsSignIn = false) => {
    api
      .get<Me>('/api/v1/dashboard/me')
      .then(setMe)
      .catch(async (failure: unknown) => {
        // In Teams, sign in with Teams' own sign-in once; if that fails, the staff-token form remains.
        if (teams && !afterTeamsSignIn) {
          try {
            await signInWithTeams();
            loadMe(true);
            return;
          } catch (teamsFailure) {
            setNotice(`Teams sign-in did not work: ${(teamsFailure as Error).message} You can sign in with a staff token instead.`);
          }
        } else if (failure instanceof ApiError && failure.code === 'session_expired') {
          setNotice(failure.message);
        }
        setMe(null);
      });
  }, []);
  useEffect(() => loadMe(), [loadMe]);
  const signOut = async () => {
    disconnect();
    await api.delete('/dashboard/session');
    setNotice('You have signed out.');
    setMe(null);
  };
  if (me === undefined) return <p class="loading">Loading…</p>;
  if (me === null) return <SignIn onSignedIn={() => loadMe(true)} notice={notice} />;
  if (teams && (isConfigurePage || teams.frameContext === 'settings')) {
    return (
      <main>
        <Configure me={me} />
      </main>
    );
  }
  return (
    <>
      <header class="top">
        <span class="library">{me.library}</span>
        <nav aria-label="Dashboard pages">
          <ul>
            {pages.map((page) => (
              <li>
                <a href={href(page.page)} aria-current={route.page === page.page ? 'page' : undefined}>
                  {page.title}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <span class="who">
          {me.principal.name} ({me.principal.role}){' '}
          <button type="button" onClick={signOut}>
            Sign out
          </button>
        </span>
      </header>
      <main>
        <Page me={me} route={route} />
      </main>
    </>
  );
}

void connectToTeams().then((teams) => {
  document.documentElement.dataset['host'] = teams ? 'teams' : 'browser';
  render(<App teams={teams} />, document.getElementById('app')!);
});
