import type { Clause, ContractTemplate } from '@contracts/contracts.contract';
import { MAX_CLAUSES } from '@contracts/contracts.contract';
import { describe, expect, it } from 'vitest';
import {
  addClause,
  clauseListProblem,
  createTemplateInput,
  defaultTemplateId,
  draftOfTemplate,
  moveClause,
  nextClauseKey,
  patchTemplateInput,
  removeClause,
} from './clause-draft';
import { unknownPlaceholders } from './contract-placeholders';

const clause = (key: string, title = key): Clause => ({ key, title, body: '' });
const keys = (list: Clause[]) => list.map((c) => c.key);

describe('template clause list', () => {
  it('moves a clause up and down and keeps its key, ignoring moves past either end', () => {
    const list = [clause('a'), clause('b'), clause('c')];
    expect(keys(moveClause(list, 2, -1))).toEqual(['a', 'c', 'b']);
    expect(keys(moveClause(list, 0, 1))).toEqual(['b', 'a', 'c']);
    expect(keys(moveClause(list, 0, -1))).toEqual(['a', 'b', 'c']);
    expect(keys(moveClause(list, 2, 1))).toEqual(['a', 'b', 'c']);
    expect(keys(list)).toEqual(['a', 'b', 'c']);
  });

  it('gives an added clause a key no other clause has, and stops at the most clauses a template holds', () => {
    const list = [clause('parties'), clause('clause_3')];
    expect(nextClauseKey(list)).toBe('clause_4');
    const added = addClause(list);
    expect(keys(added)).toEqual(['parties', 'clause_3', 'clause_4']);
    expect(new Set(keys(addClause(removeClause(added, 0)))).size).toBe(3);
    const full = Array.from({ length: MAX_CLAUSES }, (_, i) => clause(`k${i}`));
    expect(addClause(full)).toHaveLength(MAX_CLAUSES);
  });

  it('refuses to save an empty list or an untitled clause', () => {
    expect(clauseListProblem([])).toBe('no_clauses');
    expect(clauseListProblem([clause('a', '  ')])).toBe('untitled');
    expect(clauseListProblem([clause('a')])).toBeNull();
  });

  it('maps the editor to the create and patch bodies, trimmed, with the version read', () => {
    const template: ContractTemplate = {
      id: '0190c2a0-0000-7000-8000-000000000001',
      name: 'Standard',
      locale: 'en-US',
      customProject: false,
      clauses: [{ key: 'parties', title: 'Parties', body: 'Buyer: {{customer.name}}' }],
      active: true,
      version: 3,
    };
    const draft = draftOfTemplate(template);
    draft.name = '  Standard 2026 ';
    draft.clauses = [{ key: 'parties', title: ' Parties ', body: ' Buyer \n' }];
    draft.active = false;
    expect(createTemplateInput(draft)).toEqual({
      name: 'Standard 2026',
      locale: 'en-US',
      customProject: false,
      clauses: [{ key: 'parties', title: 'Parties', body: 'Buyer' }],
    });
    expect(patchTemplateInput(draft, template.version)).toMatchObject({ version: 3, active: false });
    expect(template.clauses[0]?.title).toBe('Parties');
  });

  it('names the default template as the server picks it: oldest active, standard before custom', () => {
    const t = (id: string, customProject: boolean, active = true) =>
      ({ id, customProject, active }) as ContractTemplate;
    expect(defaultTemplateId([t('custom', true), t('old', false, false), t('std', false)])).toBe('std');
    expect(defaultTemplateId([t('off', false, false), t('custom', true)])).toBe('custom');
    expect(defaultTemplateId([t('off', false, false)])).toBeNull();
  });
});

describe('template placeholders', () => {
  it('lists placeholders the server will not fill, once each', () => {
    const clauses = [
      { key: 'a', title: '{{customer.name}}', body: '{{ deal.name }} {{customer_name}} {{foo.bar}}' },
      { key: 'b', title: 'B', body: '{{foo.bar}}' },
    ];
    expect(unknownPlaceholders(clauses)).toEqual(['customer_name', 'foo.bar']);
  });
});
