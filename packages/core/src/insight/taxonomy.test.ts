import { describe, expect, it } from 'vitest';
import { slugSchema } from '../policy/slug.js';
import { defaultTopics, insightsPolicySchema, insightTopics } from './taxonomy.js';

describe('insightsPolicySchema', () => {
  it('defaults every key, and the whole section when it is left out', () => {
    const expected = { extend_default: true, topics: [], spike: { window_days: 7, baseline_weeks: 8, min_count: 5, threshold: 0.01 } };
    expect(insightsPolicySchema.parse({})).toEqual(expected);
    expect(insightsPolicySchema.parse(undefined)).toEqual(expected);
  });

  const invalid: { name: string; input: unknown; path: (string | number)[] }[] = [
    { name: 'an unknown key', input: { topic: [] }, path: [] },
    { name: 'an unknown spike key', input: { spike: { window: 7 } }, path: ['spike'] },
    { name: 'a topic without words', input: { topics: [{ id: 'wifi', label: 'Wi-Fi', words: [] }] }, path: ['topics', 0, 'words'] },
    { name: 'an empty word', input: { topics: [{ id: 'wifi', label: 'Wi-Fi', words: ['wifi', ' '] }] }, path: ['topics', 0, 'words', 1] },
    { name: 'a topic id that is not an id', input: { topics: [{ id: 'Wi Fi', label: 'Wi-Fi', words: ['wifi'] }] }, path: ['topics', 0, 'id'] },
    { name: 'an unknown topic key', input: { topics: [{ id: 'wifi', label: 'Wi-Fi', words: ['wifi'], colour: 'red' }] }, path: ['topics', 0] },
    {
      name: 'two topics with one id',
      input: { topics: [{ id: 'wifi', label: 'Wi-Fi', words: ['wifi'] }, { id: 'wifi', label: 'Wireless', words: ['eduroam'] }] },
      path: ['topics', 1, 'id'],
    },
    { name: 'a threshold of 1 or more', input: { spike: { threshold: 5 } }, path: ['spike', 'threshold'] },
    { name: 'a threshold of 0', input: { spike: { threshold: 0 } }, path: ['spike', 'threshold'] },
    { name: 'a window of 0 days', input: { spike: { window_days: 0 } }, path: ['spike', 'window_days'] },
    { name: 'fractional baseline weeks', input: { spike: { baseline_weeks: 2.5 } }, path: ['spike', 'baseline_weeks'] },
    { name: 'a minimum count of 0', input: { spike: { min_count: 0 } }, path: ['spike', 'min_count'] },
  ];
  it.each(invalid)('rejects $name at its path', ({ input, path }) => {
    const result = insightsPolicySchema.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(path);
  });

  it('names the earlier topic when an id repeats', () => {
    const result = insightsPolicySchema.safeParse({ topics: [{ id: 'wifi', label: 'Wi-Fi', words: ['wifi'] }, { id: 'wifi', label: 'W', words: ['eduroam'] }] });
    expect(result.error?.issues[0]?.message).toBe('"wifi" is already the id of topics[0]; give each topic its own id');
  });
});

describe('insightTopics', () => {
  const wifi = { id: 'wifi', label: 'Wi-Fi', words: ['wifi', 'eduroam'] };
  const proxy = { id: 'off-campus-access', label: 'Off-campus access', words: ['WAM', 'proxy'] };

  const cases: { name: string; input: unknown; ids: string[] }[] = [
    { name: 'the built-in topics by default', input: {}, ids: defaultTopics.map((topic) => topic.id) },
    { name: 'the library’s topics added after the built-in ones', input: { topics: [wifi] }, ids: [...defaultTopics.map((topic) => topic.id), 'wifi'] },
    { name: 'only the library’s topics when extend_default is false', input: { extend_default: false, topics: [wifi, proxy] }, ids: ['wifi', 'off-campus-access'] },
    { name: 'no topics at all when extend_default is false and none are written', input: { extend_default: false }, ids: [] },
  ];
  it.each(cases)('$name', ({ input, ids }) => {
    expect(insightTopics(insightsPolicySchema.parse(input)).map((topic) => topic.id)).toEqual(ids);
  });

  it('lets a library topic replace the built-in one with its id, in the same place', () => {
    const topics = insightTopics(insightsPolicySchema.parse({ topics: [proxy] }));
    const index = defaultTopics.findIndex((topic) => topic.id === 'off-campus-access');
    expect(topics[index]).toEqual(proxy);
    expect(topics.filter((topic) => topic.id === 'off-campus-access')).toHaveLength(1);
    expect(topics).toHaveLength(defaultTopics.length);
  });

  it('hands out copies, so changing one cannot change the built-in topics', () => {
    const topics = insightTopics(insightsPolicySchema.parse({}));
    topics[0]?.words.push('changed');
    expect(defaultTopics[0]?.words).not.toContain('changed');
  });
});

describe('defaultTopics', () => {
  it('are valid topics as a library would write them, with unique ids and no repeated words', () => {
    const parsed = insightsPolicySchema.parse({ extend_default: false, topics: defaultTopics });
    expect(parsed.topics).toEqual(defaultTopics);
    for (const topic of defaultTopics) {
      expect(slugSchema.safeParse(topic.id).success).toBe(true);
      const folded = topic.words.map((word) => word.toLowerCase());
      expect(new Set(folded).size, topic.id).toBe(folded.length);
    }
  });
});
