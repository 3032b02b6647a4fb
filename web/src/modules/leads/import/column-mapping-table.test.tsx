import i18next from 'i18next';
import { renderToString } from 'react-dom/server';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import { enUS } from '../../../i18n/en-US';
import { ColumnMappingTable } from './column-mapping-table';

/** The mapping table of every import kind, as the server renders it. */

const i18n = i18next.createInstance();
await i18n.use(initReactI18next).init({
  resources: { 'en-US': { translation: enUS } },
  lng: 'en-US',
  initAsync: false,
  interpolation: { escapeValue: false },
});

describe('the column mapping table', () => {
  it('shows each column with its first values, the chosen field, and whether it was remembered or recognised', () => {
    const html = renderToString(
      <I18nextProvider i18n={i18n}>
        <ColumnMappingTable<string>
          imp={{
            headers: ['客户名称', '预算', 'Misc'],
            preview: [
              ['云帆科技', '1000', ''],
              ['星河数据', '2000', ''],
            ],
            suggestedMapping: {
              '0': { field: 'name', origin: 'saved' },
              '1': { field: 'custom.budget', origin: 'synonym' },
            },
          }}
          mapping={{ 0: 'name', 1: 'custom.budget', 2: null }}
          onChoose={() => {}}
          fields={[
            { value: 'name', label: 'Customer name' },
            { value: 'custom.budget', label: 'Budget' },
          ]}
        />
      </I18nextProvider>,
    );
    expect(html).toContain('客户名称');
    expect(html).toContain('云帆科技 · 星河数据');
    expect(html).toContain('As last time');
    expect(html).toContain('Recognised');
    expect(html).toContain('Budget');
    // An unmapped column shows "Do not import".
    expect(html).toContain('Do not import');
  });
});
