import { type DrillResult, describe, is2xx, tally } from './drill';
import { type Answer, type Identity, jsonOf } from './http';
import { json, type World } from './world';

/**
 * Concurrent edits (issue 4, faults 5): 20 clients PATCH one lead with the version they all read. Exactly
 * one wins, the other 19 get 412, and the lead holds the winner's value with its version one higher: no
 * lost update. Three rounds: the version in the body, in If-Match, and from three different users.
 */

const CLIENTS = 20;

type Lead = { id: string; version: number; notes: string };

export async function concurrentEditsDrill(world: World): Promise<DrillResult> {
  const t = tally('concurrent edits');
  const { client, run } = world;
  const a = world.a;
  const lead = a.leads.rep1;
  const rounds: { name: string; writers: Identity[]; viaHeader: boolean }[] = [
    { name: 'version in body', writers: [a.admin.session], viaHeader: false },
    { name: 'If-Match', writers: [a.adminToken], viaHeader: true },
    { name: 'three users', writers: [a.admin.session, a.manager.session, a.adminToken], viaHeader: false },
  ];

  for (const round of rounds) {
    const path = `/api/v1/leads/${lead.id}`;
    const before = json<Lead>(await client.call(a.admin.session, { method: 'GET', path }), 200, 'lead');
    const values = Array.from({ length: CLIENTS }, (_, i) => `writer ${i} of ${round.name} ${run}`);
    const answers = await Promise.all(
      values.map((notes, i) =>
        client.call(round.writers[i % round.writers.length] as Identity, {
          method: 'PATCH',
          path,
          body: round.viaHeader ? { notes } : { version: before.version, notes },
          ...(round.viaHeader ? { headers: { 'if-match': `"${before.version}"` } } : {}),
        }),
      ),
    );
    const winners = answers.flatMap((answer, i) => (is2xx(answer) ? [i] : []));
    const losers = answers.filter((answer) => answer.status === 412).length;
    for (const answer of answers) {
      t.check(
        is2xx(answer) || answer.status === 412,
        () => `${round.name}: ${describe('PATCH', path, answer)}`,
      );
    }
    t.check(winners.length === 1, () => `${round.name}: ${winners.length} writers won`);
    t.check(losers === CLIENTS - 1, () => `${round.name}: ${losers} answers were 412`);
    const after = json<Lead>(await client.call(a.admin.session, { method: 'GET', path }), 200, 'lead');
    const winner = winners[0];
    t.check(
      winner !== undefined && after.notes === values[winner],
      () => `${round.name}: the lead holds "${after.notes}", not the winner's value`,
    );
    const won = winner === undefined ? null : jsonOf<Lead>(answers[winner] as Answer);
    t.check(
      won?.version === before.version + 1,
      () => `${round.name}: the winning answer has version ${won?.version}, read ${before.version}`,
    );
  }
  t.note(`${rounds.length} rounds of ${CLIENTS} concurrent PATCH with the same version`);
  return t.result();
}
