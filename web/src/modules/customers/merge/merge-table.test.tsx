import i18next from 'i18next';
import { renderToString } from 'react-dom/server';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import { enUS } from '../../../i18n/en-US';
import { initialChoices, type MergeRecord, mergeKeys } from './merge-choices';
import { MergeTable } from './merge-table';

/** The merge table as the server renders it: a radio pair only where the records differ, and the preview. */

const i18n = i18next.createInstance();
await i18n.use(initReactI18next).init({
  resources: { 'en-US': { translation: enUS } },
  lng: 'en-US',
  initAsync: false,
  interpolation: { escapeValue: false },
});

type Row = MergeRecord & { name: string; phone: string | null };
const target: Row = {
  name: '云帆',
  phone: null,
  updatedAt: '2025-01-01T00:00:00.000Z',
  custom: { plants: 2 },
};
const source: Row = {
  name: '云帆',
  phone: '021-6123 4567',
  updatedAt: '2025-01-02T00:00:00.000Z',
  custom: {},
};

describe('the merge table', () => {
  it('offers a choice only for differing rows and previews the chosen values', () => {
    const keys = mergeKeys(['name', 'phone'], target, source);
    const choices = initialChoices(keys, target, source);
    const html = renderToString(
      <I18nextProvider i18n={i18n}>
        <MergeTable<Row>
          keys={keys}
          target={target}
          source={source}
          targetName="A"
          sourceName="B"
          choices={choices}
          onChoose={() => undefined}
          locked={[]}
          label={(key) => `label:${key}`}
          text={(r, key) =>
            String(key === 'custom.plants' ? (r.custom.plants ?? '—') : (r[key as 'name'] ?? '—'))
          }
        />
      </I18nextProvider>,
    );
    expect(html).toContain('Stays: A');
    expect(html).toContain('Merged away: B');
    // phone and custom.plants differ: two radios each; the name is the same on both sides.
    expect(html.match(/type="radio"/g)?.length).toBe(4);
    expect(html.match(/checked=""/g)?.length).toBe(2);
    expect(html).toContain('aria-label="label:phone from B"');
    expect(html.match(/021-6123 4567/g)?.length).toBe(2);
  });
});
