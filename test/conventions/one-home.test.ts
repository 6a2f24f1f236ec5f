/**
 * One home for each rule: which hand-off states are open, finished or overdue is core's to say
 * (`openStates`, `finishedStates`, `isOpen`, `isOverdue`, `availableEvents`). A list of states
 * written anywhere else drifts — it once had seven copies with three answers, and a reminder went
 * to the wrong person — so this test fails on one, naming the file and line and what to import.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { handoffStates } from '@liaison/core';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
// A state's name as a string, not an event's type (`type: 'accepted'`, `z.literal('resolved')`).
const state = `(?<!(?:type|event)\\s*:\\s*)(?<!literal\\()['"](?:${handoffStates.join('|')})['"]`;
// Two states side by side in a list (an array, a Set, arguments), or two comparisons of a state joined by && or ||.
const stateList = new RegExp(`${state}\\s*,\\s*${state}`, 'g');
const stateComparisons = new RegExp(`(?:===|!==)\\s*${state}\\s*(?:\\|\\||&&)[^;\\n]*(?:===|!==)\\s*${state}`, 'g');

/** Source files of every package but core, and of the end-to-end tests' helpers; tests may write the states out to check core. */
function sources(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return ['node_modules', 'dist', 'fixtures', 'test-support'].includes(entry.name) ? [] : sources(path);
    return /\.(ts|tsx|mts|mjs|js)$/.test(entry.name) && !/\.test\.(ts|tsx)$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

function copiesIn(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const found: string[] = [];
  for (const pattern of [stateList, stateComparisons]) {
    for (const match of text.matchAll(pattern)) {
      const line = text.slice(0, match.index).split('\n').length;
      found.push(`${relative(root, file)}:${line}: ${match[0].replace(/\s+/g, ' ').slice(0, 120)}`);
    }
  }
  return found;
}

const packages = readdirSync(join(root, 'packages')).filter((name) => name !== 'core');
const files = [...packages.flatMap((name) => sources(join(root, 'packages', name))), ...sources(join(root, 'bench'))];

describe('hand-off states have one home, in core', () => {
  it('reads the sources it judges', () => {
    expect(files.some((file) => file.endsWith(join('store', 'src', 'repositories', 'handoffs.ts')))).toBe(true);
    expect(files.some((file) => file.endsWith(join('slack-app', 'src', 'views', 'handoff-card.ts')))).toBe(true);
  });

  it('finds the kinds of copy it looks for', () => {
    const copies = (text: string) => [...text.matchAll(stateList), ...text.matchAll(stateComparisons)].length;
    expect(copies("const activeStates = ['open', 'accepted', 'waiting_on_patron'];")).toBe(1);
    expect(copies("if (['resolved', 'cancelled'].includes(handoff.state)) return;")).toBe(1);
    expect(copies("handoff.state === 'open' || handoff.state === 'accepted'")).toBe(1);
    expect(copies("const isClosed = isFinished(handoff.state); const words = { open: 'Received' };")).toBe(0);
    expect(copies("[{ event: { type: 'accepted' } }, { event: { type: 'resolved', resolution: 'x' } }]; z.literal('accepted'), z.literal('resolved')")).toBe(0);
  });

  it('no package but core writes a list of hand-off states; import openStates, finishedStates, unfinishedStates, isOpen, isOverdue or availableEvents from @liaison/core', () => {
    expect(files.flatMap(copiesIn)).toEqual([]);
  });
});
