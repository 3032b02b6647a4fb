import type { LossReason } from '@contracts/pipelines.contract';
import type { TableColumnType } from 'antd';
import { App, Button, Flex, Input, InputNumber, Switch, Table } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../shared/error-alert';
import { useErrorHandler } from '../../../shared/use-error-handler';
import { useCreateLossReason, useLossReasons, useUpdateLossReason } from '../use-deals';

/** The company's loss reasons: renamed in place, ordered by position, retired rather than deleted. */
export function LossReasonsCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const handleError = useErrorHandler();
  const reasons = useLossReasons();
  const create = useCreateLossReason();
  const update = useUpdateLossReason();
  const [name, setName] = useState('');
  const patch = (id: string, body: { name?: string; position?: number; active?: boolean }) =>
    update.mutate(
      { id, ...body },
      { onSuccess: () => void message.success(t('common.saved')), onError: (error) => handleError(error) },
    );
  const columns: TableColumnType<LossReason>[] = [
    {
      key: 'name',
      title: t('deals.lossReasons.name'),
      render: (_, r) => (
        <Input
          aria-label={t('deals.lossReasons.name')}
          defaultValue={r.name}
          maxLength={80}
          onBlur={(e) => {
            const next = e.target.value.trim();
            if (next && next !== r.name) patch(r.id, { name: next });
          }}
        />
      ),
    },
    {
      key: 'position',
      title: t('deals.lossReasons.position'),
      width: 120,
      render: (_, r) => (
        <InputNumber
          aria-label={t('deals.lossReasons.position')}
          min={0}
          max={1000}
          precision={0}
          defaultValue={r.position}
          onBlur={(e) => {
            const next = Number(e.target.value);
            if (Number.isInteger(next) && next !== r.position) patch(r.id, { position: next });
          }}
        />
      ),
    },
    {
      key: 'active',
      title: t('deals.lossReasons.active'),
      width: 100,
      render: (_, r) => (
        <Switch
          aria-label={t('deals.lossReasons.active')}
          checked={r.active}
          onChange={(active) => patch(r.id, { active })}
        />
      ),
    },
  ];
  if (reasons.isError) return <ErrorAlert error={reasons.error} />;
  return (
    <>
      <Table<LossReason>
        aria-label={t('deals.lossReasons.title')}
        size="small"
        rowKey={(r) => `${r.id}-${r.name}-${r.position}`}
        columns={columns}
        dataSource={reasons.data ?? []}
        loading={reasons.isPending}
        pagination={false}
        style={{ maxWidth: 720 }}
      />
      <Flex gap={8} style={{ marginTop: 12, maxWidth: 720 }}>
        <Input
          aria-label={t('deals.lossReasons.new')}
          placeholder={t('deals.lossReasons.new')}
          maxLength={80}
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
        <Button
          type="primary"
          disabled={!name.trim()}
          loading={create.isPending}
          onClick={() =>
            create.mutate(
              { name: name.trim() },
              {
                onSuccess: () => setName(''),
                onError: (error) => handleError(error),
              },
            )
          }
        >
          {t('deals.lossReasons.add')}
        </Button>
      </Flex>
    </>
  );
}
