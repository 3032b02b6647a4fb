import type { Locale } from '@contracts/common';
import type { Clause, ContractTemplate } from '@contracts/contracts.contract';
import { MAX_CLAUSES } from '@contracts/contracts.contract';

/**
 * The clause list of a template being edited, as pure steps: add, remove, move, and the form ↔ input mapping.
 * Keys stay with their clause through moves and renames, because a contract's version diff pairs clauses by key.
 */

/** The first free `clause_<n>` key, `n` counting from the list's length + 1 (a ClauseKey: `[a-z][a-z0-9_]*`). */
export function nextClauseKey(list: readonly Clause[]): string {
  const taken = new Set(list.map((c) => c.key));
  let n = list.length + 1;
  while (taken.has(`clause_${n}`)) n += 1;
  return `clause_${n}`;
}

/** Appends an empty clause; a full list (MAX_CLAUSES) stays as it is. */
export function addClause(list: readonly Clause[]): Clause[] {
  if (list.length >= MAX_CLAUSES) return [...list];
  return [...list, { key: nextClauseKey(list), title: '', body: '' }];
}

export function removeClause(list: readonly Clause[], index: number): Clause[] {
  return list.filter((_, i) => i !== index);
}

/** Moves the clause at `index` by `delta` places; a move past either end leaves the list unchanged. */
export function moveClause(list: readonly Clause[], index: number, delta: number): Clause[] {
  const to = index + delta;
  const moved = list[index];
  if (!moved || to < 0 || to >= list.length) return [...list];
  const rest = list.filter((_, i) => i !== index);
  return [...rest.slice(0, to), moved, ...rest.slice(to)];
}

export function updateClause(list: readonly Clause[], index: number, patch: Partial<Clause>): Clause[] {
  return list.map((c, i) => (i === index ? { ...c, ...patch } : c));
}

/** Why the clause list cannot be saved yet, or null: the server wants 1…MAX_CLAUSES clauses, each titled. */
export function clauseListProblem(list: readonly Clause[]): 'no_clauses' | 'too_many' | 'untitled' | null {
  if (list.length === 0) return 'no_clauses';
  if (list.length > MAX_CLAUSES) return 'too_many';
  if (list.some((c) => c.title.trim() === '')) return 'untitled';
  return null;
}

export type TemplateDraft = {
  name: string;
  locale: Locale;
  customProject: boolean;
  active: boolean;
  clauses: Clause[];
};

export function draftOfTemplate(template: ContractTemplate): TemplateDraft {
  return {
    name: template.name,
    locale: template.locale,
    customProject: template.customProject,
    active: template.active,
    clauses: template.clauses.map((c) => ({ ...c })),
  };
}

export function emptyTemplate(locale: Locale): TemplateDraft {
  return { name: '', locale, customProject: false, active: true, clauses: addClause([]) };
}

const clean = (list: readonly Clause[]): Clause[] =>
  list.map((c) => ({ key: c.key, title: c.title.trim(), body: c.body.trim() }));

/** The body of POST /contract-templates (a new template is always active). */
export function createTemplateInput(draft: TemplateDraft) {
  return {
    name: draft.name.trim(),
    locale: draft.locale,
    customProject: draft.customProject,
    clauses: clean(draft.clauses),
  };
}

/** The body of PATCH /contract-templates/:id, with the version the editor read. */
export function patchTemplateInput(draft: TemplateDraft, version: number) {
  return { version, ...createTemplateInput(draft), active: draft.active };
}

/**
 * The template a draft without a chosen template gets, as the server picks it: the oldest active one,
 * standard before custom-project ones. `templates` come in the list's order (oldest first).
 */
export function defaultTemplateId(templates: readonly ContractTemplate[]): string | null {
  const active = templates.filter((t) => t.active);
  return (active.find((t) => !t.customProject) ?? active[0])?.id ?? null;
}
