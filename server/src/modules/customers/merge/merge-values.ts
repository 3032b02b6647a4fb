import { CUSTOM_CHOICE_PREFIX, type MergeSide } from '@contracts/record-merge.contract';
import { type Actor, changesBetween, writeAudit } from '../../../platform/audit';
import type { Tx } from '../../../platform/db/database';
import { type FieldCode, invalidFields } from '../../../platform/http/errors';

/**
 * The values a merged record keeps, shared by the customer and contact merges: the chosen side per field
 * and per custom-field key (the target's where nothing is chosen), lists unioned, both notes kept. Free of
 * I/O so each rule is tested on its own.
 */

export type Choices = Record<string, MergeSide>;

/** The source's value of every field chosen from the source. */
export function chosenFromSource<R extends Record<string, unknown>, F extends keyof R & string>(
  source: R,
  fields: readonly F[],
  choices: Choices,
): Partial<Pick<R, F>> {
  const out: Partial<Pick<R, F>> = {};
  for (const field of fields) if (choices[field] === 'source') out[field] = source[field];
  return out;
}

/**
 * Custom values per key: the source's for keys chosen from the source (absent there: removed), the
 * target's otherwise. A key neither record holds is a mistake of the caller, named in the error.
 */
export function mergeCustom(
  target: Record<string, unknown>,
  source: Record<string, unknown>,
  choices: Choices,
): Record<string, unknown> {
  const out = { ...target };
  const problems: { path: string; code: FieldCode }[] = [];
  for (const [choice, side] of Object.entries(choices)) {
    if (!choice.startsWith(CUSTOM_CHOICE_PREFIX)) continue;
    const key = choice.slice(CUSTOM_CHOICE_PREFIX.length);
    if (!(key in target) && !(key in source)) {
      problems.push({ path: `choices.${choice}`, code: 'unknown_custom_field' });
    } else if (side === 'source') {
      if (key in source) out[key] = source[key];
      else delete out[key];
    }
  }
  if (problems.length > 0) throw invalidFields(...problems);
  return out;
}

/** Both lists, each entry once, the target's first. */
export function union<T>(a: readonly T[], b: readonly T[]): T[] {
  return [...new Set([...a, ...b])];
}

/** Both notes: the source's under a line naming it, so nobody's writing is lost. */
export function joinNotes(target: string, source: string, sourceName: string): string {
  return [target.trim(), source.trim() ? `— ${sourceName} —\n${source.trim()}` : '']
    .filter(Boolean)
    .join('\n\n');
}

export const latest = (a: Date | null, b: Date | null): Date | null => (a && b ? (a > b ? a : b) : (a ?? b));

/**
 * A link to another record of the same kind (parent company, manager) after the merge: neither of the pair
 * itself (the source is gone, and a record is never its own parent).
 */
export function linkAfterMerge(link: string | null, ids: readonly string[]): string | null {
  return link !== null && ids.includes(link) ? null : link;
}

/**
 * The two audit rows of a merge: `merged_into` on the source (with its whole record, since the row is gone)
 * and `merge` on the target (choices, what moved to it, and its field changes).
 */
export async function auditMerge<R extends { id: string }>(
  tx: Tx,
  actor: Actor,
  merge: {
    entity: 'customer' | 'contact';
    source: R;
    target: R;
    after: R;
    choices: Choices;
    moved: Record<string, unknown>;
    audited: readonly (keyof R & string)[];
  },
): Promise<void> {
  const { entity, source, target, after, choices } = merge;
  await writeAudit(tx, actor, {
    entity,
    entityId: source.id,
    action: 'merged_into',
    changes: {
      mergedInto: { from: null, to: target.id },
      choices: { from: null, to: choices },
      record: { from: source, to: null },
    },
  });
  await writeAudit(tx, actor, {
    entity,
    entityId: target.id,
    action: 'merge',
    changes: {
      merged: { from: null, to: source.id },
      choices: { from: null, to: choices },
      moved: { from: null, to: merge.moved },
      ...changesBetween(target, after, merge.audited),
    },
  });
}
