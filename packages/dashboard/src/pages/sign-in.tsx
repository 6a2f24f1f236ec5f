import { useState } from 'preact/hooks';
import { api, ApiError } from '../api.js';

/** Sign-in with a staff token, exchanged once for a session cookie; the token is not kept. */
export function SignIn({ onSignedIn, notice }: { onSignedIn: () => void; notice?: string | undefined }) {
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await api.post('/dashboard/session', { token });
      setToken('');
      onSignedIn();
    } catch (failure) {
      setError(failure instanceof ApiError ? failure.message : 'The hub could not be reached; try again.');
    } finally {
      setBusy(false);
    }
  };
  return (
    <main class="sign-in">
      <h1>Liaison dashboard</h1>
      {notice && <p class="notice">{notice}</p>}
      <form onSubmit={submit}>
        <label for="token">Staff token</label>
        <input
          id="token"
          name="token"
          type="password"
          autocomplete="off"
          required
          value={token}
          onInput={(event) => setToken((event.target as HTMLInputElement).value)}
        />
        <p class="hint">A token from your library's Liaison administrator (`liaison token create`). It is exchanged for a sign-in that ends when you sign out.</p>
        {error && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" disabled={busy}>
          Sign in
        </button>
      </form>
    </main>
  );
}
