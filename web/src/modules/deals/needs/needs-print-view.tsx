import { type DealNeeds, NEED_PRIORITIES } from '@contracts/deal-needs.contract';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { useFormatDateTime } from '../../../shared/use-format-date-time';
import { useFormatMoney } from '../../leads/campaigns/use-format-money';

/**
 * The saved record laid out for paper, for window.print(): rendered outside the app's root and shown only
 * when printing, while everything else is hidden then. The customer's read-only link has its own printable
 * page; this one prints from inside the app without creating a link.
 */

const PRINT_CSS = `
.cl-needs-print{display:none}
@media print{
  body>*:not(.cl-needs-print){display:none !important}
  .cl-needs-print{display:block;color:#000;font-size:11pt;line-height:1.5}
  .cl-needs-print h1{font-size:18pt;margin:0 0 4pt}
  .cl-needs-print h2{font-size:13pt;margin:14pt 0 4pt;break-after:avoid}
  .cl-needs-print table{width:100%;border-collapse:collapse}
  .cl-needs-print th,.cl-needs-print td{border-bottom:1px solid #ccc;padding:3pt 4pt;text-align:left;vertical-align:top}
  .cl-needs-print tr,.cl-needs-print dl{break-inside:avoid}
  .cl-needs-print dt{font-weight:600;margin-top:4pt}
  .cl-needs-print dd{margin:0 0 0 12pt;white-space:pre-line}
  .cl-needs-print .sign{display:flex;gap:24pt;margin-top:28pt}
  .cl-needs-print .sign div{flex:1;border-top:1px solid #000;padding-top:4pt}
  @page{size:A4;margin:16mm}
}
`;

export function NeedsPrintView({ needs }: { needs: DealNeeds }) {
  const { t } = useTranslation();
  const formatDateTime = useFormatDateTime();
  const formatMoney = useFormatMoney();
  const currency = needs.budgetCurrency ?? '';
  const budget = [needs.budgetMinMinor, needs.budgetMaxMinor]
    .map((m) => (m === null ? null : formatMoney(m, currency)))
    .filter((m) => m !== null)
    .join(' – ');
  const rows: [string, string][] = [
    [t('dealNeeds.fields.currentBusiness'), needs.currentBusiness],
    [t('dealNeeds.fields.currentTools'), needs.currentTools],
    [t('dealNeeds.fields.expectedResults'), needs.expectedResults],
    [t('dealNeeds.fields.deadlineOn'), needs.deadlineOn ?? ''],
    [t('dealNeeds.fields.decisionProcess'), needs.decisionProcess],
    [t('dealNeeds.fields.budget'), budget],
    [t('dealNeeds.fields.paymentPreference'), needs.paymentPreference],
    [t('dealNeeds.fields.specialRequirements'), needs.specialRequirements],
  ];
  const confirmation = needs.confirmation;
  return createPortal(
    <div className="cl-needs-print">
      <style>{PRINT_CSS}</style>
      <h1>{t('dealNeeds.print.title')}</h1>
      <p>
        {confirmation
          ? t('dealNeeds.confirmation.confirmed', {
              name: confirmation.confirmedByName,
              date: formatDateTime(confirmation.confirmedAt),
            })
          : t('dealNeeds.confirmation.none')}{' '}
        {t('dealNeeds.print.generated', { date: formatDateTime(new Date().toISOString()) })}
      </p>
      {confirmation?.changedSinceConfirmation && (
        <p>
          <strong>
            {t('dealNeeds.confirmation.changed', { date: formatDateTime(confirmation.confirmedAt) })}
          </strong>
        </p>
      )}
      {needs.summary && (
        <>
          <h2>{t('dealNeeds.fields.summary')}</h2>
          <p style={{ whiteSpace: 'pre-line' }}>{needs.summary}</p>
        </>
      )}
      {NEED_PRIORITIES.map((priority) => {
        const items = needs.items.filter((i) => i.priority === priority);
        if (items.length === 0) return null;
        return (
          <section key={priority}>
            <h2>
              {t(`dealNeeds.priority.${priority}`)} ({items.length})
            </h2>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('dealNeeds.items.kindLabel')}</th>
                  <th scope="col">{t('dealNeeds.items.description')}</th>
                  <th scope="col">{t('dealNeeds.items.explicitnessLabel')}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((i) => (
                  <tr key={i.id}>
                    <td>{t(`dealNeeds.kind.${i.kind}`)}</td>
                    <td style={{ whiteSpace: 'pre-line' }}>{i.description}</td>
                    <td>{t(`dealNeeds.items.${i.explicitness}`)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        );
      })}
      <h2>{t('dealNeeds.sections.situation')}</h2>
      <dl>
        {rows
          .filter(([, value]) => value.trim() !== '')
          .map(([label, value]) => (
            <div key={label}>
              <dt>{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
      </dl>
      <div className="sign">
        <div>{t('dealNeeds.print.signature')}</div>
        <div>{t('dealNeeds.print.date')}</div>
      </div>
    </div>,
    document.body,
  );
}
