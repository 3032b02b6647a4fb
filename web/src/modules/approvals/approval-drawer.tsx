import type { Approval, ApprovalStep, StepStatus } from '@contracts/approvals.contract';
import {
  App,
  Button,
  Descriptions,
  Drawer,
  Flex,
  Input,
  Popconfirm,
  Skeleton,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorAlert } from '../../shared/error-alert';
import { useErrorHandler } from '../../shared/use-error-handler';
import { useFormatDateTime } from '../../shared/use-format-date-time';
import { useFormatMoney } from '../leads/campaigns/use-format-money';
import { bpText } from './approval-format';
import { useApproval, useDecideApproval } from './use-approvals';

const STEP_COLORS: Record<StepStatus, string> = {
  waiting: 'gray',
  pending: 'blue',
  approved: 'green',
  returned: 'red',
  skipped: 'gray',
  cancelled: 'gray',
};

type Props = { id: string | null; onClose: () => void };

/** One request: its facts, the steps in order with who decided and when, and approve / return / withdraw. */
export function ApprovalDrawer({ id, onClose }: Props) {
  const { t } = useTranslation();
  const approval = useApproval(id);
  return (
    <Drawer
      open={id !== null}
      onClose={onClose}
      size={560}
      title={t('approvals.detail.title')}
      destroyOnHidden
    >
      {approval.isError ? <ErrorAlert error={approval.error} /> : null}
      {approval.data ? (
        <ApprovalDetail approval={approval.data} />
      ) : approval.isLoading ? (
        <Skeleton active />
      ) : null}
    </Drawer>
  );
}

function ApprovalDetail({ approval }: { approval: Approval }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const formatMoney = useFormatMoney();
  const formatDateTime = useFormatDateTime();
  const handleError = useErrorHandler();
  const decide = useDecideApproval();
  const [comment, setComment] = useState('');
  const [commentError, setCommentError] = useState(false);
  const reasons = Array.isArray(approval.facts.reasons)
    ? approval.facts.reasons.filter((r): r is string => typeof r === 'string')
    : [];
  // Minutes below the negotiation price floor carry the floor they were measured against.
  const floorMinor = typeof approval.facts.floorMinor === 'number' ? approval.facts.floorMinor : null;

  const run = (action: 'approve' | 'return' | 'cancel') => {
    if (action === 'return' && comment.trim() === '') {
      setCommentError(true);
      return;
    }
    decide.mutate(
      { action, id: approval.id, version: approval.version, comment: comment.trim() },
      {
        onSuccess: () => {
          setComment('');
          void message.success(
            t(
              action === 'approve'
                ? 'approvals.detail.approved'
                : action === 'return'
                  ? 'approvals.detail.returned'
                  : 'approvals.detail.cancelled',
            ),
          );
        },
        onError: (error) => handleError(error),
      },
    );
  };

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center" gap={8}>
        <Typography.Title level={5} style={{ margin: 0 }}>
          {approval.title}
        </Typography.Title>
        <Tag>{t(`approvals.status.${approval.status}`)}</Tag>
      </Flex>
      <Descriptions
        size="small"
        column={1}
        bordered
        items={[
          { key: 'requester', label: t('approvals.columns.requester'), children: approval.requestedBy.name },
          {
            key: 'at',
            label: t('approvals.detail.requestedAt'),
            children: formatDateTime(approval.createdAt),
          },
          {
            key: 'discount',
            label: t('approvals.columns.discount'),
            children: bpText(approval.discountBp, i18n.language),
          },
          {
            key: 'margin',
            label: t('approvals.columns.margin'),
            children: bpText(approval.marginBp, i18n.language),
          },
          {
            key: 'amount',
            label: t('approvals.columns.amount'),
            children: approval.currency
              ? formatMoney(approval.amountMinor, approval.currency)
              : t('common.empty'),
          },
          ...(floorMinor !== null && approval.currency
            ? [
                {
                  key: 'floor',
                  label: t('approvals.detail.priceFloor'),
                  children: formatMoney(floorMinor, approval.currency),
                },
              ]
            : []),
          {
            key: 'reasons',
            label: t('approvals.detail.reasons'),
            children: reasons.length > 0 ? reasons.map((r) => t(r as 'approvals.title', r)).join('; ') : '—',
          },
          {
            key: 'reason',
            label: t('approvals.detail.reason'),
            children: approval.reason || t('common.empty'),
          },
        ]}
      />
      {approval.subjectLink ? <Link to={approval.subjectLink}>{t('approvals.detail.open')}</Link> : null}
      <div>
        <Typography.Title level={5}>{t('approvals.detail.steps')}</Typography.Title>
        <Timeline
          items={approval.steps.map((step) => ({
            key: step.stepNo,
            color: STEP_COLORS[step.status],
            content: <StepText step={step} />,
          }))}
        />
      </div>
      {approval.can.approve || approval.can.return ? (
        <Flex vertical gap={8}>
          <Input.TextArea
            value={comment}
            status={commentError ? 'error' : undefined}
            placeholder={t('approvals.detail.commentPlaceholder')}
            aria-label={t('approvals.detail.comment')}
            maxLength={2000}
            autoSize={{ minRows: 2, maxRows: 6 }}
            onChange={(e) => {
              setComment(e.target.value);
              setCommentError(false);
            }}
          />
          {commentError ? (
            <Typography.Text type="danger">{t('approvals.detail.commentRequired')}</Typography.Text>
          ) : null}
          <Flex gap={8}>
            <Button type="primary" loading={decide.isPending} onClick={() => run('approve')}>
              {t('approvals.detail.approve')}
            </Button>
            <Button danger loading={decide.isPending} onClick={() => run('return')}>
              {t('approvals.detail.return')}
            </Button>
          </Flex>
        </Flex>
      ) : null}
      {approval.can.cancel ? (
        <Popconfirm title={t('approvals.detail.cancelConfirm')} onConfirm={() => run('cancel')}>
          <Button loading={decide.isPending}>{t('approvals.detail.cancel')}</Button>
        </Popconfirm>
      ) : null}
    </Flex>
  );
}

function StepText({ step }: { step: ApprovalStep }) {
  const { t } = useTranslation();
  const formatDateTime = useFormatDateTime();
  const names = step.approvers.map((a) => a.name).join(', ');
  return (
    <Flex vertical gap={2}>
      <span>
        <strong>{t(`approvals.levels.${step.approverRole as 'manager'}`, step.approverRole)}</strong> ·{' '}
        {t(`approvals.stepStatus.${step.status}`)}
      </span>
      {names ? (
        <Typography.Text type="secondary">{t('approvals.detail.approvers', { names })}</Typography.Text>
      ) : null}
      {step.decidedBy ? (
        <Typography.Text type="secondary">
          {t('approvals.detail.decidedBy', { name: step.decidedBy.name, at: formatDateTime(step.decidedAt) })}
        </Typography.Text>
      ) : null}
      {step.comment ? <Typography.Text>“{step.comment}”</Typography.Text> : null}
      {step.remindedAt ? (
        <Typography.Text type="secondary">
          {t('approvals.detail.reminded', { at: formatDateTime(step.remindedAt) })}
        </Typography.Text>
      ) : null}
      {step.escalatedAt ? (
        <Typography.Text type="warning">
          {t('approvals.detail.escalated', { at: formatDateTime(step.escalatedAt) })}
        </Typography.Text>
      ) : null}
    </Flex>
  );
}
