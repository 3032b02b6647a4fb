import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Dependency rules of docs/ARCHITECTURE.md, checked on every `npm run lint`:
 * - contracts/ imports only zod and other contracts;
 * - server/src/platform/ never imports a module;
 * - a module imports another module only through its index.ts (its `*.tables.ts` may import another
 *   module's `*.tables.ts`: one database, and a foreign key must name the table it points at; a test may
 *   read another module's tables to check what a use case stored);
 * - web/ never imports server code;
 * - drills/ talk to the running server over HTTP only: they import their own files, contracts/ and
 *   bench/harness.ts (which starts the server), never server code.
 */

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const IMPORT_RE =
  /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist') continue;
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) out.push(...walk(full));
    else if (/\.(ts|tsx)$/.test(name)) out.push(full);
  }
  return out;
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specs: string[] = [];
  for (const m of text.matchAll(IMPORT_RE)) {
    const spec = m[1] ?? m[2];
    if (spec) specs.push(spec);
  }
  return specs;
}

function resolveLocal(file: string, spec: string): string | null {
  if (spec.startsWith('@contracts/')) return path.join(ROOT, 'contracts', spec.slice('@contracts/'.length));
  if (spec.startsWith('.')) return path.resolve(path.dirname(file), spec);
  return null;
}

const rel = (p: string) => path.relative(ROOT, p);
const violations: string[] = [];
const modulesDir = path.join(ROOT, 'server/src/modules');
const platformDir = path.join(ROOT, 'server/src/platform');

function moduleOf(p: string): string | null {
  const r = path.relative(modulesDir, p);
  if (r.startsWith('..') || path.isAbsolute(r)) return null;
  const [first] = r.split(path.sep);
  return first && first !== 'index.ts' && first !== 'index' ? first : null;
}

// Tests beside shared code (money, quote math) may also use the test tools; nothing else ships them.
const TEST_TOOLS = new Set(['vitest', 'fast-check']);
for (const file of walk(path.join(ROOT, 'contracts'))) {
  const allowed = file.endsWith('.test.ts') ? new Set(['zod', ...TEST_TOOLS]) : new Set(['zod']);
  for (const spec of importsOf(file)) {
    const target = resolveLocal(file, spec);
    if (target ? !target.startsWith(path.join(ROOT, 'contracts')) : !allowed.has(spec)) {
      violations.push(`${rel(file)}: contracts may import only zod and contracts (found "${spec}")`);
    }
  }
}

for (const file of walk(path.join(ROOT, 'server/src'))) {
  const from = moduleOf(file);
  for (const spec of importsOf(file)) {
    const target = resolveLocal(file, spec);
    if (!target) continue;
    const to = moduleOf(target);
    if (file.startsWith(platformDir) && !file.endsWith('.test.ts') && target.startsWith(modulesDir)) {
      violations.push(`${rel(file)}: the platform must not import modules (found "${spec}")`);
    }
    if (to && from && to !== from) {
      const entry = path.join(modulesDir, to);
      const readsTables =
        (file.endsWith('.tables.ts') || file.endsWith('.test.ts')) && /\.tables(\.ts)?$/.test(target);
      if (
        !readsTables &&
        target !== entry &&
        target !== path.join(entry, 'index') &&
        target !== path.join(entry, 'index.ts')
      ) {
        violations.push(`${rel(file)}: import module "${to}" through its index.ts (found "${spec}")`);
      }
    }
  }
}

const webDir = path.join(ROOT, 'web');
for (const file of walk(webDir)) {
  for (const spec of importsOf(file)) {
    const target = resolveLocal(file, spec);
    if (target?.startsWith(path.join(ROOT, 'server'))) {
      violations.push(`${rel(file)}: the web client must not import server code (found "${spec}")`);
    }
  }
}

const drillsDir = path.join(ROOT, 'drills');
const harness = path.join(ROOT, 'bench', 'harness');
for (const file of walk(drillsDir)) {
  for (const spec of importsOf(file)) {
    const target = resolveLocal(file, spec);
    if (!target) continue;
    const allowed =
      target.startsWith(drillsDir + path.sep) ||
      target.startsWith(path.join(ROOT, 'contracts') + path.sep) ||
      target === harness ||
      target === `${harness}.ts`;
    if (!allowed) {
      violations.push(
        `${rel(file)}: drills import only drills/, contracts/ and bench/harness.ts (found "${spec}")`,
      );
    }
  }
}

if (violations.length > 0) {
  console.error(
    `Architecture rules broken (${violations.length}):\n${violations.map((v) => `  ${v}`).join('\n')}`,
  );
  process.exit(1);
}
console.log('Architecture rules hold.');
