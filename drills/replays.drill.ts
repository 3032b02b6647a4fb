import { type DrillResult, describe, tally } from './drill';
import { type Identity, jsonOf } from './http';
import { createForm, listAll, type World } from './world';

/**
 * Replays (issue 4, faults 4): the same POST with the same Idempotency-Key, 50 at once, makes one lead, and
 * every answer is either that lead or "still in progress"; a public form posted again with the same
 * submission key stores one submission and one lead.
 */

const CONCURRENT = 50;
const FORM_REPEATS = 10;

type LeadAnswer = { id?: string; code?: string };

export async function replaysDrill(world: World): Promise<DrillResult> {
  const t = tally('replays');
  const { client, run } = world;
  const admin = world.a.admin.session;

  async function replay(who: Identity, how: string): Promise<void> {
    const name = `Replay ${run} ${how}`;
    const key = `drill-${run}-${how}`;
    const post = () =>
      client.call(who, {
        method: 'POST',
        path: '/api/v1/leads',
        body: { companyName: name, notes: 'replayed' },
        headers: { 'idempotency-key': key },
      });
    const answers = await Promise.all(Array.from({ length: CONCURRENT }, post));
    const ids = new Set<string>();
    for (const answer of answers) {
      const body = jsonOf<LeadAnswer>(answer);
      const ok =
        (answer.status === 201 && typeof body?.id === 'string') ||
        (answer.status === 409 && body?.code === 'idempotency_in_progress');
      t.check(ok, () => `${how}: ${describe('POST', '/api/v1/leads', answer)}`);
      if (answer.status === 201 && body?.id) ids.add(body.id);
    }
    const late = await post();
    const lateId = jsonOf<LeadAnswer>(late)?.id;
    if (late.status === 201 && lateId) ids.add(lateId);
    t.check(late.status === 201, () => `${how}, replay after the first finished: ${late.status}`);
    t.check(ids.size === 1, () => `${how}: answers name ${ids.size} different leads`);

    const stored = await listAll<{ id: string }>(
      client,
      admin,
      `/api/v1/leads?q=${encodeURIComponent(name)}`,
    );
    t.check(stored.length === 1, () => `${how}: ${stored.length} leads stored for one key`);

    const other = await client.call(who, {
      method: 'POST',
      path: '/api/v1/leads',
      body: { companyName: `${name} changed` },
      headers: { 'idempotency-key': key },
    });
    t.check(other.status === 422, () => `${how}, same key with another body: ${other.status}, not 422`);
  }

  await replay(admin, 'session');
  await replay(world.a.adminToken, 'token');

  // The public form: the same submission key again and again, at once and afterwards, as JSON and as a page post.
  const form = await createForm(client, admin, `Replay form ${run}`, {
    formRatePerMinute: 1000,
    ipRatePerHour: 1000,
  });
  const submission = {
    submissionKey: `replay${run}`,
    companyName: `Replay ${run} form`,
    email: `replay-${run}@form.drill.example`,
  };
  const submit = () =>
    client.call({ kind: 'anonymous' }, { method: 'POST', path: `/f/${form.key}`, body: submission });
  const answers = await Promise.all(Array.from({ length: FORM_REPEATS }, submit));
  answers.push(await submit());
  for (const answer of answers) {
    t.check(answer.status === 200, () => `form replay: ${describe('POST', `/f/${form.key}`, answer)}`);
  }
  const page = await client.call(
    { kind: 'anonymous' },
    {
      method: 'POST',
      path: `/f/${form.key}`,
      raw: {
        data: new URLSearchParams(submission).toString(),
        contentType: 'application/x-www-form-urlencoded',
      },
    },
  );
  t.check(page.status === 200, () => `form replay as a page post: ${page.status}`);

  const submissions = await listAll<{ leadId: string }>(
    client,
    admin,
    `/api/v1/lead-forms/${form.id}/submissions`,
  );
  t.check(submissions.length === 1, () => `form: ${submissions.length} submissions stored for one key`);
  const leads = await listAll<{ id: string }>(
    client,
    admin,
    `/api/v1/leads?q=${encodeURIComponent(submission.companyName)}`,
  );
  t.check(leads.length === 1, () => `form: ${leads.length} leads stored for one submission key`);

  t.note(
    `${CONCURRENT} concurrent POST /api/v1/leads with one Idempotency-Key, by session and by API token; ` +
      `${FORM_REPEATS + 2} posts of one form submission key`,
  );
  return t.result();
}
