/**
 * Tagging a patron's question (or a hand-off, or a ticket) with the insight topics it mentions.
 * Words are folded the way routing folds them (case and accents ignored), match whole words only,
 * and a phrase matches across spaces and hyphens alike ("off-campus" finds "off campus").
 * Straight and curly apostrophes are the same, so "doesn't" finds "doesn’t" typed on a phone,
 * and "doesnt" typed without one.
 */
import { foldForMatching } from '../handoff/route.js';
import type { Topic } from './taxonomy.js';

/** A topic a text mentions, and the topic's own words (as the policy writes them) that it used. */
export interface TopicTag {
  topicId: string;
  matchedWords: string[];
}

/** Topics prepared once (patterns built) so many texts are tagged without rebuilding them. */
export interface CompiledTopics {
  readonly topics: readonly Topic[];
  tag(text: string): TopicTag[];
}

const apostrophes = /[\u2018\u2019\u02BC\u0060\u00B4]/gu;
const separators = /[\s\-\u2010-\u2015]+/u;
const separatorPattern = '[\\s\\-\\u2010-\\u2015]+';
const letterOrDigit = '[\\p{L}\\p{N}]';

function fold(text: string): string {
  return foldForMatching(text).replace(apostrophes, "'");
}

/** The word as a pattern without its whole-word guards, so several can share one pair of guards. */
function wordBody(word: string): string {
  return fold(word.trim())
    .split(separators)
    .filter((part) => part !== '')
    .map((part) => part.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'))
    .join(separatorPattern)
    // Patrons often leave the apostrophe out: "doesn't" also finds "doesnt".
    .replaceAll("'", "'?");
}

const wholeWords = (body: string) => new RegExp(`(?<!${letterOrDigit})(?:${body})(?!${letterOrDigit})`, 'u');

interface PreparedTopic {
  id: string;
  /** Any of the topic's words, so a text that mentions none is passed over with one test. */
  anyWord: RegExp;
  words: { word: string; pattern: RegExp }[];
}

/** Prepares topics for tagging many texts. */
export function compileTopics(topics: readonly Topic[]): CompiledTopics {
  const prepared: PreparedTopic[] = topics
    .map((topic) => {
      const words = [...new Set(topic.words)]
        .map((word) => ({ word, body: wordBody(word) }))
        .filter(({ body }) => body !== '');
      return {
        id: topic.id,
        anyWord: wholeWords(words.map(({ body }) => body).join('|')),
        words: words.map(({ word, body }) => ({ word, pattern: wholeWords(body) })),
      };
    })
    .filter((topic) => topic.words.length > 0);
  return {
    topics,
    tag(text) {
      const folded = fold(text);
      const tags: TopicTag[] = [];
      for (const topic of prepared) {
        if (!topic.anyWord.test(folded)) continue;
        tags.push({ topicId: topic.id, matchedWords: topic.words.filter(({ pattern }) => pattern.test(folded)).map(({ word }) => word) });
      }
      return tags;
    },
  };
}

// Tagging with the same topics again reuses their prepared patterns.
const compiledByTopics = new WeakMap<readonly Topic[], CompiledTopics>();

/** The topics a text mentions, in the topics' order, each with the words that matched. */
export function tagTopics(text: string, topics: readonly Topic[]): TopicTag[] {
  let compiled = compiledByTopics.get(topics);
  if (!compiled) {
    compiled = compileTopics(topics);
    compiledByTopics.set(topics, compiled);
  }
  return compiled.tag(text);
}
