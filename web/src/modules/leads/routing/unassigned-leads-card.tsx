import { App, Button, Card, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useErrorHandler } from '../../../shared/use-error-handler';
import { useRouteLeads, useUnassignedLeads } from './use-routing';

/** Leads still without an owner, and the button that sends them through the rules again. */
export function UnassignedLeadsCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const unassigned = useUnassignedLeads(true);
  const route = useRouteLeads();
  const handleError = useErrorHandler();
  const ids = unassigned.data ?? [];
  const run = () =>
    route.mutate(ids, {
      onSuccess: (result) => {
        void message.success(
          t('leadRouting.rules.routed', {
            assigned: result.assigned,
            teamOnly: result.teamOnly,
            unmatched: result.unmatched,
          }),
        );
        if (result.failed.length > 0) {
          const reasons = [...new Set(result.failed.map((f) => f.detail))].join(' ');
          void message.warning(t('leadRouting.rules.routeFailed', { count: result.failed.length, reasons }));
        }
      },
      onError: (error) => handleError(error),
    });
  return (
    <Card size="small" title={t('leadRouting.rules.unassigned')} style={{ marginTop: 24 }}>
      <Typography.Paragraph type="secondary">{t('leadRouting.rules.unassignedHint')}</Typography.Paragraph>
      <Button onClick={run} loading={route.isPending || unassigned.isPending} disabled={ids.length === 0}>
        {t('leadRouting.rules.routeAgain', { count: ids.length })}
      </Button>
    </Card>
  );
}
