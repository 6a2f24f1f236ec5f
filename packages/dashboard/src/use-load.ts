import { useCallback, useEffect, useState } from 'preact/hooks';
import { ApiError } from './api.js';

/** Loads `path` from the hub (again whenever it changes, or when `reload` is called). */
export function useLoad<T>(path: string | undefined, load: (path: string) => Promise<T>) {
  const [data, setData] = useState<T | undefined>();
  const [error, setError] = useState<ApiError | undefined>();
  const [loadedAt, setLoadedAt] = useState(0);
  const reload = useCallback(() => {
    if (!path) return;
    load(path)
      .then((value) => {
        setData(value);
        setError(undefined);
        setLoadedAt(Date.now());
      })
      .catch((failure: unknown) =>
        setError(failure instanceof ApiError ? failure : new ApiError(0, 'network', 'The hub could not be reached; the page tries again on the next change.')),
      );
  }, [path]);
  useEffect(reload, [reload]);
  return { data, error, reload, loadedAt };
}
