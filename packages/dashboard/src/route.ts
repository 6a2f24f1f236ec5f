/** Pages live in the address's fragment (#/queues?department=ill), so one HTML file serves them all. */
import { useEffect, useState } from 'preact/hooks';

export interface Route {
  page: string;
  /** The rest of the path: a hand-off's number on #/handoff/H-1042. */
  id: string | undefined;
  params: URLSearchParams;
}

export function parseRoute(hash: string): Route {
  const [path = '', query = ''] = hash.replace(/^#\/?/, '').split('?');
  const [page = '', id] = path.split('/');
  return { page: page || 'queues', id: id ? decodeURIComponent(id) : undefined, params: new URLSearchParams(query) };
}

export function href(page: string, params?: Record<string, string | undefined>, id?: string): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params ?? {})) if (value) query.set(key, value);
  const text = query.toString();
  return `#/${page}${id ? `/${encodeURIComponent(id)}` : ''}${text ? `?${text}` : ''}`;
}

/** The current route, following the address as it changes. */
export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(location.hash));
  useEffect(() => {
    const follow = () => setRoute(parseRoute(location.hash));
    addEventListener('hashchange', follow);
    return () => removeEventListener('hashchange', follow);
  }, []);
  return route;
}
