import type { Lead } from '@contracts/leads.contract';
import { describe, expect, it } from 'vitest';
import { as, newTenant, useTestApp } from '../../../test/helper';

/** The bulk insert (insertMany) sends every value as text: nothing a person types may change on the way (contracts trim). */

const t = await useTestApp();

describe('inserting leads', () => {
  it('stores text with quotes, backslashes, braces, commas, NULL and emoji exactly', async () => {
    const admin = await newTenant(t);
    const tricky = [
      'He said "hi", {then} left\\',
      'NULL',
      '',
      '  spaced  ',
      '上海 “云帆” 科技 🚀',
      "O'Brien, Inc.",
    ];
    for (const value of tricky) {
      const res = await as(
        t,
        admin,
      )({
        method: 'POST',
        url: '/api/v1/leads',
        payload: { companyName: 'Acme', notes: value, title: value.trim() || null },
      });
      expect(res.statusCode, res.body).toBe(201);
      const lead = res.json<Lead>();
      const read = (await as(t, admin)({ method: 'GET', url: `/api/v1/leads/${lead.id}` })).json<Lead>();
      expect(read.notes).toBe(value.trim());
      expect(read.title).toBe(value.trim() || null);
    }
  });
});
