import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { DEFAULT_PG, limitRun, ROOT } from './harness';
import { percentile, round, startInProcessBench } from './in-process';

/**
 * `npm run bench:contracts`: contract-number allocation under concurrency on PostgreSQL, in-process through
 * the HTTP stack (`app.inject`). ROUNDS rounds of CONCURRENCY drafts fired at once; every round must yield
 * consecutive numbers with no gap and no duplicate (checked over all rounds together), and the latency of each
 * draft is recorded (they queue on the tenant's counter row, so the slowest waits for all the others).
 * Writes bench/results/contract-numbers.json.
 */

const RESULTS = path.join(ROOT, 'bench', 'results', 'contract-numbers.json');
const ADMIN_URL = process.env.PG_URL ?? DEFAULT_PG;
const CONCURRENCY = Number(process.env.CONTRACT_CONCURRENCY ?? 50);
const ROUNDS = Number(process.env.CONTRACT_ROUNDS ?? 5);

limitRun(10 * 60_000);

async function main(): Promise<void> {
  const bench = await startInProcessBench(ADMIN_URL, {
    label: 'contracts',
    companyName: '合同编号基准公司',
    customerName: '编号客户',
    dealName: '编号商机',
    amountMinor: 1_00,
  });
  const { app, headers } = bench;
  try {
    // The built-in templates are made on first use: once, before the measured rounds.
    await app.inject({ method: 'GET', url: '/api/v1/contract-templates', headers });

    const draft = async () => {
      const started = performance.now();
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/contracts',
        headers,
        payload: { dealId: bench.dealId, amountMinor: 1_00, currency: 'CNY' },
      });
      const ms = performance.now() - started;
      if (res.statusCode !== 201)
        throw new Error(`draft answered ${res.statusCode}: ${res.body.slice(0, 300)}`);
      return { ms, number: res.json<{ number: string }>().number };
    };
    const latencies: number[] = [];
    const roundMs: number[] = [];
    const numbers: string[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      const started = performance.now();
      const results = await Promise.all(Array.from({ length: CONCURRENCY }, draft));
      roundMs.push(performance.now() - started);
      for (const x of results) {
        latencies.push(x.ms);
        numbers.push(x.number);
      }
    }
    latencies.sort((a, b) => a - b);
    const counters = numbers.map((n) => Number(n.split('-').pop())).sort((a, b) => a - b);
    const duplicates = counters.length - new Set(counters).size;
    const expected = Array.from({ length: counters.length }, (_, i) => i + 1);
    const gaps = expected.filter((n) => !counters.includes(n)).length;
    const result = {
      at: new Date().toISOString(),
      database: 'postgres',
      concurrency: CONCURRENCY,
      rounds: ROUNDS,
      drafts: numbers.length,
      first: numbers.sort()[0],
      last: numbers[numbers.length - 1],
      duplicates,
      gaps,
      draftMs: {
        p50: round(percentile(latencies, 50)),
        p95: round(percentile(latencies, 95)),
        max: round(latencies[latencies.length - 1] ?? Number.NaN),
      },
      roundMs: roundMs.map(round),
      draftsPerSecond: round((numbers.length / roundMs.reduce((a, b) => a + b, 0)) * 1000),
    };
    mkdirSync(path.dirname(RESULTS), { recursive: true });
    writeFileSync(RESULTS, `${JSON.stringify(result, null, 2)}\n`);
    console.log(JSON.stringify(result, null, 2));
    const ok = duplicates === 0 && gaps === 0 && counters.length === CONCURRENCY * ROUNDS;
    console.log(ok ? 'contract numbers: no gap, no duplicate' : 'contract numbers: GAPS OR DUPLICATES');
    process.exitCode = ok ? 0 : 1;
  } finally {
    await bench.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
