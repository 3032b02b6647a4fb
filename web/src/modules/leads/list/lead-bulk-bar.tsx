import { DownOutlined } from '@ant-design/icons';
import type { BulkAction, LeadStatus } from '@contracts/leads.contract';
import { LEAD_GRADES, LEAD_STATUSES, REASONED_STATUSES } from '@contracts/leads.contract';
import { Alert, Button, Dropdown, Flex, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type BulkOutcome, BulkResultModal } from '../../../shared/bulk-result-modal';
import { useErrorHandler } from '../../../shared/use-error-handler';
import { useSession } from '../../auth/use-session';
import { BulkAssignModal } from './bulk-assign-modal';
import { ReasonModal } from './reason-modal';
import { useBulkUpdateLeads } from './use-lead-intake';

/** The bulk endpoint's limit per request. */
export const BULK_MAX = 1000;

type LeadBulkBarProps = {
  ids: readonly string[];
  names: ReadonlyMap<string, string>;
  onClear: () => void;
  /** After a run: the leads that failed stay selected, so they can be looked at or retried. */
  onDone: (failedIds: string[]) => void;
};

type Reasoned = Extract<LeadStatus, 'disqualified' | 'archived'>;

/**
 * Assign, grade, move or archive the selected leads; each lead succeeds or fails on its own. Stays mounted
 * without a selection, so the result of a run can still be shown after its leads left the selection.
 */
export function LeadBulkBar({ ids, names, onClear, onDone }: LeadBulkBarProps) {
  const { t } = useTranslation();
  const me = useSession();
  const bulk = useBulkUpdateLeads();
  const handleError = useErrorHandler();
  const [assigning, setAssigning] = useState(false);
  const [reasonFor, setReasonFor] = useState<Reasoned | null>(null);
  const [outcome, setOutcome] = useState<BulkOutcome | null>(null);
  const tooMany = ids.length > BULK_MAX;
  const canAssign = me.permissions.includes('leads.assign');

  const run = (action: BulkAction) =>
    bulk.mutate(
      { ids: [...ids], action },
      {
        onSuccess: (result) => {
          setAssigning(false);
          setReasonFor(null);
          setOutcome(result);
          onDone(result.failed.map((f) => f.id));
        },
        onError: (error) => handleError(error),
      },
    );

  const moveTo = (status: Exclude<LeadStatus, 'converted'>) => {
    if ((REASONED_STATUSES as readonly string[]).includes(status)) setReasonFor(status as Reasoned);
    else run({ kind: 'status', status });
  };

  return (
    <>
      {ids.length > 0 && (
        <Flex wrap gap={8} align="center" style={{ marginBottom: 12 }}>
          <Typography.Text strong>{t('leadScreens.bulk.selected', { count: ids.length })}</Typography.Text>
          {canAssign && (
            <Button disabled={tooMany} onClick={() => setAssigning(true)}>
              {t('leadScreens.bulk.assign')}
            </Button>
          )}
          <Dropdown
            disabled={tooMany || bulk.isPending}
            trigger={['click']}
            menu={{
              items: LEAD_GRADES.map((g) => ({ key: g, label: t(`leads.grade.${g}`) })),
              onClick: ({ key }) => run({ kind: 'grade', grade: key as (typeof LEAD_GRADES)[number] }),
            }}
          >
            <Button>
              {t('leadScreens.bulk.grade')} <DownOutlined />
            </Button>
          </Dropdown>
          <Dropdown
            disabled={tooMany || bulk.isPending}
            trigger={['click']}
            menu={{
              items: LEAD_STATUSES.filter((s) => s !== 'converted').map((s) => ({
                key: s,
                label: t(`leads.status.${s}`),
              })),
              onClick: ({ key }) => moveTo(key as Exclude<LeadStatus, 'converted'>),
            }}
          >
            <Button>
              {t('leadScreens.bulk.status')} <DownOutlined />
            </Button>
          </Dropdown>
          <Button disabled={tooMany} onClick={() => setReasonFor('archived')}>
            {t('leadScreens.bulk.archive')}
          </Button>
          <Button type="link" onClick={onClear}>
            {t('leadScreens.bulk.clear')}
          </Button>
          {bulk.isPending && (
            <Typography.Text type="secondary">{t('leadScreens.bulk.running')}</Typography.Text>
          )}
        </Flex>
      )}
      {tooMany && (
        <Alert
          type="warning"
          showIcon
          title={t('leadScreens.bulk.tooMany', { max: BULK_MAX })}
          style={{ marginBottom: 12 }}
        />
      )}
      <BulkAssignModal
        open={assigning}
        count={ids.length}
        busy={bulk.isPending}
        onCancel={() => setAssigning(false)}
        onSubmit={({ ownerId, teamId }) => run({ kind: 'assign', ownerId, ...(teamId ? { teamId } : {}) })}
      />
      <ReasonModal
        open={reasonFor !== null}
        title={t('leadScreens.bulk.reasonTitle', {
          count: ids.length,
          status: reasonFor ? t(`leads.status.${reasonFor}`) : '',
        })}
        busy={bulk.isPending}
        onCancel={() => setReasonFor(null)}
        onSubmit={(statusReason) => reasonFor && run({ kind: 'status', status: reasonFor, statusReason })}
      />
      <BulkResultModal outcome={outcome} names={names} onClose={() => setOutcome(null)} />
    </>
  );
}
