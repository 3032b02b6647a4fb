import { EditOutlined } from '@ant-design/icons';
import type { Deal } from '@contracts/deals.contract';
import type { Stage } from '@contracts/pipelines.contract';
import { App, Button, Card, Descriptions, Popconfirm, Space, Steps, Tag, Tooltip } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { PageTitle } from '../../../shared/page-title';
import { useErrorHandler } from '../../../shared/use-error-handler';
import { useFormatMoney } from '../../leads/campaigns/use-format-money';
import { DealStatusTag } from '../deal-status-tag';
import { ForecastTag } from '../forecast-tag';
import { useDeleteDeal } from '../use-deals';
import { LoseDealModal } from './lose-deal-modal';
import { MoveDealModal } from './move-deal-modal';
import { ProbabilityModal } from './probability-modal';
import { ReopenDealModal } from './reopen-deal-modal';
import { WinDealModal } from './win-deal-modal';

type Dialog = 'move' | 'win' | 'lose' | 'reopen' | 'probability' | null;

/**
 * A deal's head: its name, status and actions (move, win, lose, reopen, delete), the pipeline's stages with
 * the current one, and the figures a rep looks at first.
 */
export function DealHeader({ deal, stages }: { deal: Deal; stages: readonly Stage[] }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const formatMoney = useFormatMoney();
  const handleError = useErrorHandler();
  const remove = useDeleteDeal(deal.id);
  const [dialog, setDialog] = useState<Dialog>(null);
  const close = () => setDialog(null);
  const open = deal.status === 'open';
  const current = stages.findIndex((s) => s.id === deal.stageId);
  const empty = t('common.empty');
  return (
    <>
      <PageTitle
        extra={
          <Space wrap>
            {open && deal.can.edit && (
              <>
                <Button onClick={() => setDialog('move')}>{t('deals.actions.move')}</Button>
                <Button type="primary" onClick={() => setDialog('win')}>
                  {t('deals.actions.win')}
                </Button>
                <Button danger onClick={() => setDialog('lose')}>
                  {t('deals.actions.lose')}
                </Button>
              </>
            )}
            {!open && deal.can.edit && (
              <Button onClick={() => setDialog('reopen')}>{t('deals.actions.reopen')}</Button>
            )}
            {deal.can.delete && (
              <Popconfirm
                title={t('deals.actions.deleteConfirm', { name: deal.name })}
                okButtonProps={{ danger: true }}
                onConfirm={() =>
                  remove.mutate(undefined, {
                    onSuccess: () => {
                      void message.success(t('deals.actions.deleted'));
                      void navigate('/deals/list');
                    },
                    onError: (error) => handleError(error),
                  })
                }
              >
                <Button danger type="text">
                  {t('common.delete')}
                </Button>
              </Popconfirm>
            )}
          </Space>
        }
      >
        <Space wrap>
          {deal.name}
          <DealStatusTag status={deal.status} />
          {deal.stale && <Tag color="orange">{t('deals.card.stale')}</Tag>}
        </Space>
      </PageTitle>
      <Card size="small" style={{ marginBottom: 16 }}>
        {stages.length > 0 && (
          <Steps
            size="small"
            current={current}
            status={deal.status === 'lost' ? 'error' : deal.status === 'won' ? 'finish' : 'process'}
            items={stages.map((s) => ({ title: s.name, description: `${s.probability}%` }))}
            style={{ marginBottom: 16, overflowX: 'auto' }}
          />
        )}
        <Descriptions size="small" column={{ xs: 1, md: 2, xl: 4 }}>
          <Descriptions.Item label={t('deals.fields.customer')}>
            <Link to={`/customers/${deal.customerId}`}>{deal.customerName}</Link>
          </Descriptions.Item>
          <Descriptions.Item label={t('deals.fields.pipeline')}>
            {deal.pipelineName ?? empty}
          </Descriptions.Item>
          <Descriptions.Item label={t('deals.fields.amount')}>
            {formatMoney(deal.amountMinor, deal.currency)}
          </Descriptions.Item>
          <Descriptions.Item label={t('deals.fields.weighted')}>
            {formatMoney(deal.weightedMinor, deal.currency)}
          </Descriptions.Item>
          <Descriptions.Item label={t('deals.fields.probability')}>
            <Space size={4}>
              {deal.probability === null ? empty : `${deal.probability}%`}
              {deal.probabilityOverridden && (
                <Tooltip title={deal.probabilityReason}>
                  <Tag>{t('deals.probability.overridden')}</Tag>
                </Tooltip>
              )}
              {open && deal.can.edit && (
                <Button
                  type="text"
                  size="small"
                  icon={<EditOutlined />}
                  aria-label={t('deals.probability.title')}
                  onClick={() => setDialog('probability')}
                />
              )}
            </Space>
          </Descriptions.Item>
          <Descriptions.Item label={t('deals.fields.forecast')}>
            <ForecastTag category={deal.forecastCategory} />
          </Descriptions.Item>
          <Descriptions.Item label={t('deals.fields.owner')}>{deal.ownerName ?? empty}</Descriptions.Item>
          <Descriptions.Item label={t('deals.fields.expectedCloseOn')}>
            {deal.expectedCloseOn ?? empty}
          </Descriptions.Item>
          <Descriptions.Item label={t('deals.fields.nextStep')}>
            {deal.nextStep ? `${deal.nextStep}${deal.nextStepOn ? ` (${deal.nextStepOn})` : ''}` : empty}
          </Descriptions.Item>
          {open && (
            <Descriptions.Item label={t('deals.fields.daysInStage')}>
              {deal.daysInStage === null
                ? empty
                : deal.agingDays === null
                  ? t('deals.header.days', { count: deal.daysInStage })
                  : t('deals.header.daysOfLimit', { count: deal.daysInStage, limit: deal.agingDays })}
            </Descriptions.Item>
          )}
          {deal.status === 'lost' && (
            <Descriptions.Item label={t('deals.lose.reason')}>
              {deal.lossReasonName ?? empty}
            </Descriptions.Item>
          )}
          {deal.competitorName && (
            <Descriptions.Item
              label={t(deal.status === 'won' ? 'deals.win.competitor' : 'deals.lose.competitor')}
            >
              {deal.competitorName}
            </Descriptions.Item>
          )}
          {deal.closeNote && (
            <Descriptions.Item label={t('deals.header.closeNote')}>{deal.closeNote}</Descriptions.Item>
          )}
        </Descriptions>
      </Card>
      <MoveDealModal deal={deal} stages={stages} open={dialog === 'move'} onClose={close} />
      <WinDealModal deal={dialog === 'win' ? deal : null} onClose={close} />
      <LoseDealModal deal={dialog === 'lose' ? deal : null} onClose={close} />
      <ReopenDealModal deal={deal} stages={stages} open={dialog === 'reopen'} onClose={close} />
      <ProbabilityModal deal={deal} open={dialog === 'probability'} onClose={close} />
    </>
  );
}
