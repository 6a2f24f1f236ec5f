import { expect, it } from 'vitest';
import { forEachBackend } from '../backends-for-tests.js';

forEachBackend('patron-context audit log', (backend) => {
  it('lists views by patron and by staff member, newest first, and refuses changes', async () => {
    const store = await backend.open();
    const view = (actor: string, patronKey: string, at: string) =>
      store.audit.recordView({ actor, surface: 'zendesk', patronKey, fieldsShown: ['standing', 'loans'], at });
    await view('U-PAT', 'reader@example.edu', '2025-03-03T10:00:00.000Z');
    await view('U-SAM', 'reader@example.edu', '2025-03-03T11:00:00.000Z');
    await view('U-PAT', 'other@example.edu', '2025-03-03T12:00:00.000Z');
    expect((await store.audit.listByPatron('reader@example.edu')).map((entry) => [entry.actor, entry.at])).toEqual([
      ['U-SAM', '2025-03-03T11:00:00.000Z'],
      ['U-PAT', '2025-03-03T10:00:00.000Z'],
    ]);
    const byPat = await store.audit.listByActor('U-PAT');
    expect(byPat.map((entry) => entry.patronKey)).toEqual(['other@example.edu', 'reader@example.edu']);
    expect(byPat[0]?.fieldsShown).toEqual(['standing', 'loans']);
    await expect(store.db.deleteFrom('patron_context_views').execute()).rejects.toThrow(/append-only/);
  });
});
