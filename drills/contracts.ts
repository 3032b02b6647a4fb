import { readdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { RouteContract } from '@contracts/common';
import { ROOT } from '../bench/harness';

/**
 * Every route contract in contracts/*.contract.ts: what the OpenAPI document does not say (the permission a
 * route needs). Read from the folder, so a new contract file is drilled without being listed here.
 */

function isRouteContract(value: unknown): value is RouteContract {
  return (
    typeof value === 'object' &&
    value !== null &&
    'method' in value &&
    'path' in value &&
    'access' in value &&
    'response' in value
  );
}

export async function loadRouteContracts(): Promise<RouteContract[]> {
  const dir = path.join(ROOT, 'contracts');
  const out: RouteContract[] = [];
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.contract.ts'))
    .sort()) {
    const exported = (await import(pathToFileURL(path.join(dir, file)).href)) as Record<string, unknown>;
    for (const value of Object.values(exported)) if (isRouteContract(value)) out.push(value);
  }
  return out;
}

/** `/api/v1/leads/:id` → `/api/v1/leads/{id}`, as the OpenAPI document writes it. */
export const openApiPath = (contractPath: string) => contractPath.replace(/:(\w+)/g, '{$1}');
