type Leaves = Map<string, unknown>;

function collectLeaves(node: unknown, prefix: string, into: Leaves): Leaves {
  if (node !== null && typeof node === 'object' && !Array.isArray(node)) {
    for (const [key, child] of Object.entries(node)) {
      collectLeaves(child, prefix ? `${prefix}.${key}` : key, into);
    }
  } else {
    into.set(prefix, node);
  }
  return into;
}

function placeholders(text: string): string {
  return [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)]
    .map((m) => m[1])
    .sort()
    .join(',');
}

/**
 * Lists every way two catalogues differ in shape: keys missing on either side, leaves that are not
 * non-empty strings, and interpolation placeholders that do not match. An empty list means they agree.
 */
export function compareCatalogues(
  reference: unknown,
  referenceName: string,
  other: unknown,
  otherName: string,
): string[] {
  const ref = collectLeaves(reference, '', new Map());
  const oth = collectLeaves(other, '', new Map());
  const problems: string[] = [];
  for (const [name, leaves] of [
    [referenceName, ref],
    [otherName, oth],
  ] as const) {
    for (const [key, value] of leaves) {
      if (typeof value !== 'string' || value.trim() === '') problems.push(`${name}: ${key} is empty`);
    }
  }
  for (const key of ref.keys()) if (!oth.has(key)) problems.push(`${otherName}: ${key} is missing`);
  for (const key of oth.keys()) if (!ref.has(key)) problems.push(`${referenceName}: ${key} is missing`);
  for (const [key, value] of ref) {
    const twin = oth.get(key);
    if (typeof value === 'string' && typeof twin === 'string' && placeholders(value) !== placeholders(twin)) {
      problems.push(
        `${otherName}: ${key} has placeholders {${placeholders(twin)}}, expected {${placeholders(value)}}`,
      );
    }
  }
  return problems;
}
