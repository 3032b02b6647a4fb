import type { Clause, ContractDiff } from '@contracts/contracts.contract';

/**
 * Clause-by-clause comparison of two versions. Clauses pair by key; a changed clause carries a word-level
 * diff (each CJK character is a word, since Chinese has no spaces), or a line-level one when the clause is so
 * long that the word table would be too large to compute per request.
 */

type Part = { op: 'same' | 'added' | 'removed'; text: string };

/** Above this many cells the word-level table gives way to lines (20k words × 20k words is 400M cells). */
const MAX_CELLS = 4_000_000;

export function wordsOf(text: string): string[] {
  return (
    text.match(
      /[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]|[^\s\u3000-\u303f\u3400-\u9fff\uff00-\uffef]+|\s+/g,
    ) ?? []
  );
}

/** Longest-common-subsequence diff of two token lists, adjacent parts of one kind merged. */
export function diffTokens(a: readonly string[], b: readonly string[]): Part[] {
  const n = a.length;
  const m = b.length;
  const width = m + 1;
  const table = new Uint32Array((n + 1) * width);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      table[i * width + j] =
        a[i] === b[j]
          ? (table[(i + 1) * width + j + 1] ?? 0) + 1
          : Math.max(table[(i + 1) * width + j] ?? 0, table[i * width + j + 1] ?? 0);
    }
  }
  const parts: Part[] = [];
  const push = (op: Part['op'], text: string) => {
    const last = parts[parts.length - 1];
    if (last && last.op === op) last.text += text;
    else parts.push({ op, text });
  };
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    const x = a[i] ?? '';
    const y = b[j] ?? '';
    if (x === y) {
      push('same', x);
      i++;
      j++;
    } else if ((table[(i + 1) * width + j] ?? 0) >= (table[i * width + j + 1] ?? 0)) {
      push('removed', x);
      i++;
    } else {
      push('added', y);
      j++;
    }
  }
  for (; i < n; i++) push('removed', a[i] ?? '');
  for (; j < m; j++) push('added', b[j] ?? '');
  return parts;
}

export function diffText(from: string, to: string): { granularity: 'word' | 'line'; parts: Part[] } {
  const a = wordsOf(from);
  const b = wordsOf(to);
  if ((a.length + 1) * (b.length + 1) <= MAX_CELLS) return { granularity: 'word', parts: diffTokens(a, b) };
  const lines = (t: string) => t.split(/(?<=\n)/);
  return { granularity: 'line', parts: diffTokens(lines(from), lines(to)) };
}

export function diffClauses(fromNo: number, from: Clause[], toNo: number, to: Clause[]): ContractDiff {
  const before = new Map(from.map((c) => [c.key, c]));
  const after = new Map(to.map((c) => [c.key, c]));
  const clauses: ContractDiff['clauses'] = [];
  for (const c of to) {
    const old = before.get(c.key);
    if (!old) {
      clauses.push({
        key: c.key,
        change: 'added',
        titleFrom: null,
        titleTo: c.title,
        granularity: 'word',
        parts: [{ op: 'added', text: c.body }],
      });
    } else if (old.title !== c.title || old.body !== c.body) {
      clauses.push({
        key: c.key,
        change: 'changed',
        titleFrom: old.title,
        titleTo: c.title,
        ...diffText(old.body, c.body),
      });
    }
  }
  for (const c of from) {
    if (!after.has(c.key)) {
      clauses.push({
        key: c.key,
        change: 'removed',
        titleFrom: c.title,
        titleTo: null,
        granularity: 'word',
        parts: [{ op: 'removed', text: c.body }],
      });
    }
  }
  return { from: fromNo, to: toNo, clauses };
}
