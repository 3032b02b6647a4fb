import { type DrillResult, describe, tally } from './drill';
import { ANONYMOUS, type Answer } from './http';
import { createForm, type Form, listAll, type World } from './world';

/**
 * Public form limits (issue 4, public endpoints): ten times a form's per-minute limit, and ten times its
 * per-IP limit from one address, as JSON and as page posts. The excess gets 429 with Retry-After, another
 * address is not held back by the first, and every accepted submission is stored: submissions and leads
 * are counted afterwards.
 */

const FORM_LIMIT = 5;
const IP_LIMIT = 3;
const TIMES = 10;

type Sent = { accepted: number; limited: number };

export async function publicFormDrill(world: World): Promise<DrillResult> {
  const t = tally('public form limits');
  const { client, run } = world;
  const admin = world.a.admin.session;
  let n = 0;

  async function flood(form: Form, from: string, count: number, how: 'json' | 'page'): Promise<Sent> {
    const posts = Array.from({ length: count }, () => {
      const i = n++;
      const fields = {
        submissionKey: `flood${run}x${i}`,
        companyName: `Flood ${run} ${form.id.slice(-6)} ${i}`,
        email: `flood-${run}-${i}@form.drill.example`,
      };
      return client.call(ANONYMOUS, {
        method: 'POST',
        path: `/f/${form.key}`,
        from,
        ...(how === 'json'
          ? { body: fields }
          : {
              raw: {
                data: new URLSearchParams(fields).toString(),
                contentType: 'application/x-www-form-urlencoded',
              },
            }),
      });
    });
    const answers = await Promise.all(posts);
    const sent: Sent = { accepted: 0, limited: 0 };
    for (const answer of answers) {
      if (answer.status === 200) sent.accepted += 1;
      else if (answer.status === 429) {
        sent.limited += 1;
        t.check(
          retryAfter(answer) > 0,
          () => `429 without a Retry-After: ${describe('POST', '/f/…', answer)}`,
        );
      } else t.check(false, () => `${how} from ${from}: ${describe('POST', `/f/${form.key}`, answer)}`);
    }
    return sent;
  }

  async function stored(form: Form): Promise<{ submissions: number; leads: number }> {
    const submissions = await listAll<unknown>(client, admin, `/api/v1/lead-forms/${form.id}/submissions`);
    const leads = await listAll<unknown>(
      client,
      admin,
      `/api/v1/leads?q=${encodeURIComponent(`Flood ${run} ${form.id.slice(-6)}`)}`,
    );
    return { submissions: submissions.length, leads: leads.length };
  }

  // The per-minute limit of one form.
  const perForm = await createForm(client, admin, `Flood form ${run}`, {
    formRatePerMinute: FORM_LIMIT,
    ipRatePerHour: 10_000,
  });
  const formSent = await flood(perForm, '127.0.0.30', FORM_LIMIT * TIMES, 'json');
  t.check(formSent.accepted === FORM_LIMIT, () => `form limit ${FORM_LIMIT}: ${formSent.accepted} accepted`);
  t.check(
    formSent.limited === FORM_LIMIT * (TIMES - 1),
    () => `form limit: ${formSent.limited} answers were 429`,
  );
  const formStored = await stored(perForm);
  t.check(
    formStored.submissions === formSent.accepted && formStored.leads === formSent.accepted,
    () => `form limit: ${formSent.accepted} accepted, ${JSON.stringify(formStored)} stored`,
  );

  // The per-IP limit: one address flooded (JSON, then page posts from another), a third one still served.
  const perIp = await createForm(client, admin, `Flood IP form ${run}`, {
    formRatePerMinute: 10_000,
    ipRatePerHour: IP_LIMIT,
  });
  const ipSent = await flood(perIp, '127.0.0.31', IP_LIMIT * TIMES, 'json');
  const pageSent = await flood(perIp, '127.0.0.32', IP_LIMIT * TIMES, 'page');
  const otherSent = await flood(perIp, '127.0.0.33', 1, 'json');
  t.check(
    ipSent.accepted === IP_LIMIT,
    () => `IP limit ${IP_LIMIT}: ${ipSent.accepted} accepted from one IP`,
  );
  t.check(pageSent.accepted === IP_LIMIT, () => `IP limit, page posts: ${pageSent.accepted} accepted`);
  t.check(otherSent.accepted === 1, () => 'a third address was held back by the others');
  const accepted = ipSent.accepted + pageSent.accepted + otherSent.accepted;
  const ipStored = await stored(perIp);
  t.check(
    ipStored.submissions === accepted && ipStored.leads === accepted,
    () => `IP limit: ${accepted} accepted, ${JSON.stringify(ipStored)} stored`,
  );

  t.note(
    `form limit ${FORM_LIMIT}/min × ${TIMES}; IP limit ${IP_LIMIT}/h × ${TIMES} as JSON and as page posts ` +
      'from 127.0.0.30–33',
  );
  return t.result();
}

function retryAfter(answer: Answer): number {
  const value = answer.headers['retry-after'];
  return typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : 0;
}
