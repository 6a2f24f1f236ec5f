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
