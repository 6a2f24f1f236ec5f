import { describe, expect, it } from 'vitest';
import { emptySettings, matchPatternOf, originOf, parseSettings, withTaughtPage } from './settings.js';

describe('originOf', () => {
  it.each([
    ['illiad.library.edu/', 'https://illiad.library.edu'],
    ['http://127.0.0.1:8123/ILLiad/StaffWebClient', 'http://127.0.0.1:8123'],
    ['  https://koha-staff.library.org  ', 'https://koha-staff.library.org'],
    ['ftp://files.library.edu', null],
    ['', null],
    ['http://', null],
  ])('%j → %j', (text, origin) => expect(originOf(text)).toBe(origin));
});

describe('matchPatternOf', () => {
  it('drops the port, which match patterns cannot carry', () => {
    expect(matchPatternOf('http://127.0.0.1:8123')).toBe('http://127.0.0.1/*');
  });
});

describe('parseSettings', () => {
  it('keeps good entries, drops unknown systems and bad origins, trims the hub URL', () => {
    expect(
      parseSettings({
        hubUrl: 'https://hub.library.edu/ ',
        token: ' lsn_abc ',
        sites: [{ system: 'koha', origin: 'koha.library.edu' }, { system: 'voyager', origin: 'https://x.edu' }, { system: 'alma', origin: 'nope://' }, 7],
        pausedOrigins: ['https://koha.library.edu', 3],
        extra: true,
      }),
    ).toEqual({
      hubUrl: 'https://hub.library.edu',
      token: 'lsn_abc',
      sites: [{ system: 'koha', origin: 'https://koha.library.edu' }],
      pausedOrigins: ['https://koha.library.edu'],
      taughtPages: [],
    });
  });

  it('keeps one taught page per site, each with a number heading; drops the rest', () => {
    const { taughtPages } = parseSettings({
      taughtPages: [
        { origin: 'https://illiad.library.edu/ILLiad/', numberHeading: '  Request\n #  ', titleHeading: 'Loan title', isbnHeading: '' },
        { origin: 'https://tipasa.example.org', numberHeading: '' },
        { origin: 'javascript:alert(1)', numberHeading: 'TN' },
        { origin: 'https://alma.example.edu', numberHeading: 'x'.repeat(121) },
        { origin: 'https://alma.example.edu', numberHeading: 'External identifier', isbnHeading: 7 },
        'nonsense',
      ],
    });
    expect(taughtPages).toEqual([
      { origin: 'https://illiad.library.edu', numberHeading: 'Request #', titleHeading: 'Loan title' },
      { origin: 'https://alma.example.edu', numberHeading: 'External identifier' },
    ]);
  });

  it('gives empty settings for nothing stored', () => {
    expect(parseSettings(undefined)).toEqual({ hubUrl: '', token: '', sites: [], pausedOrigins: [], taughtPages: [] });
  });
});

describe('withTaughtPage (what the background keeps from the teaching picker)', () => {
  const illiad = 'https://illiad.library.edu';
  const settings = { ...emptySettings, sites: [{ system: 'illiad' as const, origin: illiad }], taughtPages: [{ origin: illiad, numberHeading: 'TN' }] };
  const page = { origin: illiad, numberHeading: 'Request #', titleHeading: 'Loan title' };

  it("replaces the site's taught page when its own tab sends one", () => {
    const outcome = withTaughtPage(settings, page, `${illiad}/ILLiad/custom/queue?x=1`);
    expect(outcome).toEqual({ ok: true, page, settings: { ...settings, taughtPages: [page] } });
  });

  it.each([
    ['another site\'s tab', page, 'https://evil.example/page'],
    ['no tab (the extension itself)', page, undefined],
    ['a page without a number heading', { origin: illiad, numberHeading: '' }, `${illiad}/q`],
    ['a heading of 1 MiB', { origin: illiad, numberHeading: 'x'.repeat(1 << 20) }, `${illiad}/q`],
    ['not an object', '<script>alert(1)</script>', `${illiad}/q`],
  ])('refuses %s', (_case, sent, senderUrl) => {
    const outcome = withTaughtPage(settings, sent, senderUrl);
    expect(outcome.ok).toBe(false);
  });

  it('refuses a site the library has not turned on, saying how to add it', () => {
    const other = 'https://tipasa.example.org';
    const outcome = withTaughtPage(settings, { origin: other, numberHeading: 'Request ID' }, `${other}/requests`);
    expect(outcome).toEqual({ ok: false, message: `${other} is not among the sites Liaison badges; add it on the options page first.` });
  });
});
