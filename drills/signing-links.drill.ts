import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { type DrillResult, describe, is2xx, is5xx, tally } from './drill';
import { ANONYMOUS, type Answer, type Client, type Identity } from './http';
import { json, type World } from './world';

/**
 * Signing links (issue 4 rows for contracts): a used link replayed, an expired one, a tampered document
 * (the stored PDF's bytes changed in the file store), six wrong codes, and tenant A's token carrying tenant
 * B's id. Every attempt must be refused (nothing signed), none may answer 5xx.
 */

const PNG = `data:image/png;base64,${Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 7, 7, 7, 7]).toString('base64')}`;

type Sent = { contractId: string; token: string };

async function sentContract(
  client: Client,
  admin: Identity,
  options: { requireCode?: boolean; days?: number } = {},
) {
  const customer = json<{ id: string }>(
    await client.call(admin, {
      method: 'POST',
      path: '/api/v1/customers',
      body: { name: `Signing ${Date.now()}` },
    }),
    201,
    'customer',
  );
  const deal = json<{ id: string }>(
    await client.call(admin, {
      method: 'POST',
      path: '/api/v1/deals',
      body: { name: 'Signing drill', customerId: customer.id },
    }),
    201,
    'deal',
  );
  let contract = json<{ id: string; version: number; currentVersionNo: number }>(
    await client.call(admin, {
      method: 'POST',
      path: '/api/v1/contracts',
      body: { dealId: deal.id, amountMinor: 10_000_00, currency: 'CNY' },
    }),
    201,
    'draft',
  );
  contract = json(
    await client.call(admin, {
      method: 'POST',
      path: `/api/v1/contracts/${contract.id}/submit`,
      body: { version: contract.version },
    }),
    200,
    'submit',
  );
  json(
    await client.call(admin, {
      method: 'POST',
      path: `/api/v1/contracts/${contract.id}/review`,
      body: { kind: 'approve', versionNo: contract.currentVersionNo },
    }),
    200,
    'approve',
  );
  const out = json<{ link: { token: string } }>(
    await client.call(admin, {
      method: 'POST',
      path: `/api/v1/contracts/${contract.id}/send-for-signature`,
      body: {
        signerName: 'Drill Signer',
        signerEmail: 'signer@example.com',
        requireCode: options.requireCode ?? false,
        ...(options.days ? { expiresInDays: options.days } : {}),
      },
    }),
    200,
    'send',
  );
  return { contractId: contract.id, token: out.link.token } satisfies Sent;
}

const formTokenOf = (answer: Answer) => /name="formToken" value="([^"]+)"/.exec(answer.text)?.[1] ?? '';

function form(fields: Record<string, string>) {
  return { data: new URLSearchParams(fields).toString(), contentType: 'application/x-www-form-urlencoded' };
}

export async function signingLinksDrill(world: World, dataDir: string): Promise<DrillResult> {
  const t = tally('signing links');
  const { client } = world;
  const admin = world.a.admin.session;
  let accepted = 0;
  const sign = async (token: string, fields: Record<string, string>) => {
    const answer = await client.call(ANONYMOUS, {
      method: 'POST',
      path: `/s/${token}/sign`,
      raw: form(fields),
    });
    if (is2xx(answer)) accepted += 1;
    t.check(!is5xx(answer), () => describe('POST', `/s/…/sign`, answer));
    return answer;
  };
  const refused = (answer: Answer, what: string) =>
    t.check(!is2xx(answer) && !is5xx(answer), () => `${what}: ${describe('POST', '/s/…/sign', answer)}`);

  // 1. A used link replayed.
  const used = await sentContract(client, admin);
  const page = await client.call(ANONYMOUS, { method: 'GET', path: `/s/${used.token}` });
  const formToken = formTokenOf(page);
  const first = await client.call(ANONYMOUS, {
    method: 'POST',
    path: `/s/${used.token}/sign`,
    raw: form({ formToken, name: 'Drill Signer', signature: PNG }),
  });
  t.check(
    first.status === 200,
    () => `the first signature must go through: ${describe('POST', '/s/…/sign', first)}`,
  );
  for (let i = 0; i < 3; i++)
    refused(await sign(used.token, { formToken, name: 'Replay', signature: PNG }), 'replayed link');

  // 2. An expired link (its expiry moved into the past in the database: the server's clock cannot be moved
  //    over HTTP), a replaced one (a newer link supersedes it) and a forged secret.
  const expired = await sentContract(client, admin, { days: 1 });
  const expiredForm = formTokenOf(
    await client.call(ANONYMOUS, { method: 'GET', path: `/s/${expired.token}` }),
  );
  const db = new pg.Client({ connectionString: world.databaseUrl });
  await db.connect();
  try {
    await db.query(
      `UPDATE signing_requests SET expires_at = now() - interval '1 minute' WHERE contract_id = $1`,
      [expired.contractId],
    );
  } finally {
    await db.end();
  }
  refused(
    await sign(expired.token, { formToken: expiredForm, name: 'Late', signature: PNG }),
    'expired link',
  );
  const revoked = await sentContract(client, admin);
  const revokedPage = formTokenOf(
    await client.call(ANONYMOUS, { method: 'GET', path: `/s/${revoked.token}` }),
  );
  json(
    await client.call(admin, {
      method: 'POST',
      path: `/api/v1/contracts/${revoked.contractId}/send-for-signature`,
      body: { signerName: 'Drill Signer', signerEmail: 'signer@example.com' },
    }),
    200,
    'resend',
  );
  refused(
    await sign(revoked.token, { formToken: revokedPage, name: 'Old link', signature: PNG }),
    'replaced link',
  );
  const [tenant, id] = revoked.token.split('.');
  refused(
    await sign(`${tenant}.${id}.${'x'.repeat(43)}`, {
      formToken: revokedPage,
      name: 'Forged',
      signature: PNG,
    }),
    'forged secret',
  );

  // 3. A tampered document: the stored PDF's bytes are changed in the file store.
  const tampered = await sentContract(client, admin);
  const pdf = await client.call(ANONYMOUS, { method: 'GET', path: `/s/${tampered.token}/pdf` });
  const folder = path.join(dataDir, 'files', world.a.id);
  const blob = readdirSync(folder)
    .map((name) => path.join(folder, name))
    .find((file) => readFileSync(file).equals(pdf.body));
  if (t.check(blob !== undefined, () => 'the sent PDF was not found in the file store')) {
    writeFileSync(blob ?? '', Buffer.concat([pdf.body, Buffer.from('\n% tampered')]));
    const tamperedForm = formTokenOf(
      await client.call(ANONYMOUS, { method: 'GET', path: `/s/${tampered.token}` }),
    );
    refused(
      await sign(tampered.token, { formToken: tamperedForm, name: 'Drill Signer', signature: PNG }),
      'tampered PDF',
    );
  }

  // 4. Six wrong codes: the link locks, then even a right-looking code is refused.
  const coded = await sentContract(client, admin, { requireCode: true });
  const codedForm = formTokenOf(await client.call(ANONYMOUS, { method: 'GET', path: `/s/${coded.token}` }));
  await client.call(ANONYMOUS, {
    method: 'POST',
    path: `/s/${coded.token}/code`,
    raw: form({ formToken: codedForm }),
  });
  for (let i = 0; i < 6; i++) {
    refused(
      await sign(coded.token, {
        formToken: codedForm,
        name: 'Drill Signer',
        code: String(100000 + i),
        signature: PNG,
      }),
      `wrong code ${i + 1}`,
    );
  }

  // 5. Tenant A's token with tenant B's id in it.
  const crossed = await sentContract(client, admin);
  const crossedForm = formTokenOf(
    await client.call(ANONYMOUS, { method: 'GET', path: `/s/${crossed.token}` }),
  );
  const [, requestId, secret] = crossed.token.split('.');
  const asB = `${world.b.id}.${requestId}.${secret}`;
  const view = await client.call(ANONYMOUS, { method: 'GET', path: `/s/${asB}` });
  t.check(view.status === 404, () => describe('GET', '/s/<B.id.secret>', view));
  refused(await sign(asB, { formToken: crossedForm, name: 'Cross', signature: PNG }), 'tenant B id');

  // Nothing of the refused contracts was signed.
  for (const sent of [expired, revoked, tampered, coded, crossed]) {
    const contract = json<{ status: string; signatures: unknown[] }>(
      await client.call(admin, { method: 'GET', path: `/api/v1/contracts/${sent.contractId}` }),
      200,
      'contract',
    );
    t.check(
      contract.signatures.length === 0,
      () => `contract ${sent.contractId} got a signature (${contract.status})`,
    );
  }
  t.check(accepted === 0, () => `${accepted} refused-kind signatures were accepted`);
  t.note(`${accepted} accepted of the hostile signatures; a live link's first signature went through once`);
  return t.result();
}
