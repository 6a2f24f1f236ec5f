import { expect, it } from 'vitest';
import { forEachBackend } from '../backends-for-tests.js';

const now = new Date('2026-12-02T15:00:00.000Z');

forEachBackend('time away', (backend) => {
  it('keeps one period per person, replaced when set again, listed by when it ends, and cleared', async () => {
    const store = await backend.open();
    expect(await store.away.get('USAM')).toBeUndefined();
    await store.away.set({ person: 'USAM', from: '2026-12-02', until: '2026-12-18', backup: 'UPRIYA', setBy: 'USAM', now });
    await store.away.set({ person: 'UOMAR', from: '2026-11-20', until: '2026-11-30', setBy: 'UCOORD', now });
    expect(await store.away.get('USAM')).toEqual({ person: 'USAM', from: '2026-12-02', until: '2026-12-18', backup: 'UPRIYA', setBy: 'USAM', updatedAt: now.toISOString() });

    const later = new Date(now.getTime() + 60_000);
    await store.away.set({ person: 'USAM', from: '2026-12-03', until: '2026-12-24', backup: null, setBy: 'UCOORD', now: later });
    expect(await store.away.get('USAM')).toMatchObject({ from: '2026-12-03', until: '2026-12-24', backup: null, setBy: 'UCOORD' });

    expect((await store.away.listEndingOnOrAfter('2026-12-01')).map((period) => period.person)).toEqual(['USAM']);
    expect((await store.away.listEndingOnOrAfter('2026-11-30')).map((period) => period.person)).toEqual(['UOMAR', 'USAM']);
    expect(await store.away.clear('USAM')).toBe(true);
    expect(await store.away.clear('USAM')).toBe(false);
    expect(await store.away.get('USAM')).toBeUndefined();
  });
});
