import { readFile } from 'node:fs/promises';
import { LineCounter, isNode, parseDocument, type Document } from 'yaml';
import { parsePolicy, type Issue, type Policy } from '@liaison/core';

/** A policy-file problem with where it is in the file, for people to fix it. */
export interface LocatedIssue extends Issue {
  /** 1-based line of the offending value (or of its nearest parent that exists). */
  line?: number;
  column?: number;
}

export type LoadPolicyResult =
  | { ok: true; policy: Policy; file: string }
  | { ok: false; file: string; issues: LocatedIssue[] };

/**
 * Reads a policy file (YAML) and parses it with core's schema. Never throws for bad input:
 * a missing file, a YAML syntax error and every schema problem come back as issues with lines.
 */
export async function loadPolicyFile(file: string): Promise<LoadPolicyResult> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : (error as Error).message;
    return {
      ok: false,
      file,
      issues: [{ path: [], message: `cannot read ${file}: ${reason}`, hint: 'pass the path of your liaison.config.yaml, e.g. examples/liaison.config.yaml' }],
    };
  }
  return parsePolicyText(text, file);
}

/** Parses policy YAML text; see loadPolicyFile. */
export function parsePolicyText(text: string, file = 'liaison.config.yaml'): LoadPolicyResult {
  const lineCounter = new LineCounter();
  // prettyErrors fills each error's line and column, which people need to find it.
  const document = parseDocument(text, { lineCounter, prettyErrors: true });
  if (document.errors.length > 0) {
    // One mis-indented line makes the parser report several errors on the lines around it; name the line itself, once.
    const misindented = document.errors.some((error) => indentationErrorCodes.has(error.code)) ? findMisindentedLine(text) : undefined;
    if (misindented) return { ok: false, file, issues: [misindented] };
    return {
      ok: false,
      file,
      issues: document.errors.map((error) => {
        const position = error.linePos?.[0];
        return {
          path: [],
          message: `YAML syntax: ${error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')}`,
          hint: 'check the indentation and quoting on that line',
          ...(position ? { line: position.line, column: position.col } : {}),
        };
      }),
    };
  }
  const parsed = parsePolicy(document.toJS() ?? {});
  if (parsed.ok) return { ok: true, policy: parsed.value, file };
  return {
    ok: false,
    file,
    issues: parsed.error.issues.map((issue) => ({ ...issue, ...locate(document, lineCounter, issue.path) })),
  };
}

// The yaml package's codes for what a wrongly indented line leads to.
const indentationErrorCodes = new Set<string>(['BAD_INDENT', 'BLOCK_AS_IMPLICIT_KEY', 'MULTILINE_IMPLICIT_KEY', 'MISSING_CHAR', 'UNEXPECTED_TOKEN']);

interface IndentLevel {
  column: number;
  /** The last line seen at this level, to show what to line up with. */
  line: string;
}

/**
 * The first line whose indentation lines up with no block it could belong to: deeper than its
 * siblings without a parent key above it, or between two levels. YAML's own errors land on the
 * lines around such a line, so this is what a person has to fix.
 */
export function findMisindentedLine(text: string): LocatedIssue | undefined {
  const lines = text.split(/\r?\n/);
  const levels: IndentLevel[] = [];
  let opensBlock = true; // the start of the document opens the top level
  let blockScalarIndent: number | undefined; // inside a `|` or `>` text block, deeper lines are text
  let openBrackets = 0; // inside a flow list or mapping written over several lines
  for (const [index, line] of lines.entries()) {
    const content = line.trimStart();
    if (content === '' || content.startsWith('#')) continue;
    const column = line.length - content.length;
    if (blockScalarIndent !== undefined && column > blockScalarIndent) continue;
    blockScalarIndent = undefined;
    if (openBrackets > 0) {
      openBrackets += bracketBalance(content);
      continue;
    }
    const top = levels.at(-1);
    if (top === undefined || column > top.column) {
      if (!opensBlock && top !== undefined) return misindentedIssue(index + 1, column, [top]);
      levels.push({ column, line: content });
    } else {
      while (levels.length > 0 && levels.at(-1)!.column > column) levels.pop();
      const sibling = levels.at(-1);
      if (sibling?.column !== column) return misindentedIssue(index + 1, column, [top, ...(sibling ? [sibling] : [])]);
      sibling.line = content; // the nearest line above is the clearest one to line up with
    }
    // A list item's own keys line up after its "- ".
    const item = /^(-\s+)+/.exec(content);
    if (item) levels.push({ column: column + item[0].length, line: content.slice(item[0].length) });
    const value = content.replace(/\s+#.*$/, '');
    opensBlock = /(^-|:)$/.test(value);
    if (/(^-|:)\s*[|>][-+0-9]*$/.test(value)) blockScalarIndent = column;
    openBrackets = Math.max(0, bracketBalance(content));
  }
  return undefined;
}

// Brackets opened minus closed, outside quotes: good enough to skip a flow collection written over several lines.
function bracketBalance(content: string): number {
  const unquoted = content.replace(/"(?:[^"\\]|\\.)*"|'[^']*'/g, '').replace(/\s#.*$/, '');
  return (unquoted.match(/[[{]/g)?.length ?? 0) - (unquoted.match(/[\]}]/g)?.length ?? 0);
}

function misindentedIssue(line: number, column: number, candidates: IndentLevel[]): LocatedIssue {
  const options = candidates.map((level) => `to column ${level.column + 1} like "${/^[^:]*:/.exec(level.line)?.[0] ?? level.line}"`);
  return {
    path: [],
    message: `YAML indentation: this line starts at column ${column + 1}, which lines up with no key above it`,
    hint: `indent it ${options.join(' or ')}, with spaces, as the keys it belongs with`,
    line,
    column: column + 1,
  };
}

/** Finds the line of the node at `path`, or of its nearest ancestor that exists in the file. */
function locate(document: Document, lineCounter: LineCounter, path: (string | number)[]): { line?: number; column?: number } {
  for (let length = path.length; length >= 0; length--) {
    const node = length === 0 ? document.contents : document.getIn(path.slice(0, length), true);
    if (isNode(node) && node.range) {
      const position = lineCounter.linePos(node.range[0]);
      return { line: position.line, column: position.col };
    }
  }
  return {};
}

/** One line per issue: `file:line: path: message; hint`. */
export function formatLocatedIssue(file: string, issue: LocatedIssue): string {
  const where = issue.line ? `${file}:${issue.line}` : file;
  const path = issue.path.reduce<string>(
    (text, key) => (typeof key === 'number' ? `${text}[${key}]` : text ? `${text}.${key}` : key),
    '',
  );
  const body = issue.hint ? `${issue.message}; ${issue.hint}` : issue.message;
  return path ? `${where}: ${path}: ${body}` : `${where}: ${body}`;
}
