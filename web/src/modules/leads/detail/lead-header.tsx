import { ArrowLeftOutlined, DeleteOutlined, SwapOutlined, TeamOutlined } from '@ant-design/icons';
import type { Lead } from '@contracts/leads.contract';
import { Button, Descriptions, Flex, Popconfirm, Space, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useErrorHandler } from '../../../shared/use-error-handler';
import { useSession } from '../../auth/use-session';
import { GRADE_COLORS, STATUS_COLORS } from '../list/lead-colors';
import { leadName } from '../list/lead-name';
import { AssignModal } from './assign-modal';
import { StatusMoveButton } from './status-move-button';
import { useDeleteLead } from './use-lead';

type LeadHeaderProps = { lead: Lead; onConvert: () => void };

/** Who the lead is and where it stands, with the moves this user may make on it. */
export function LeadHeader({ lead, onConvert }: LeadHeaderProps) {
  const { t } = useTranslation();
  const me = useSession();
  const navigate = useNavigate();
  const remove = useDeleteLead();
  const handleError = useErrorHandler();
  const [assigning, setAssigning] = useState(false);
  const empty = t('common.empty');
  const name = leadName(lead, empty);
  const canShare = lead.can.assign || (lead.can.edit && lead.ownerId === me.user.id);
  return (
    <>
      <Link to="/leads">
        <ArrowLeftOutlined /> {t('leadScreens.detail.back')}
      </Link>
      <Flex justify="space-between" align="flex-start" wrap gap={16} style={{ margin: '8px 0 16px' }}>
        <div>
          <Space align="center" wrap>
            <Typography.Title level={2} style={{ margin: 0 }}>
              {name}
            </Typography.Title>
            <Tag color={STATUS_COLORS[lead.status]}>{t(`leads.status.${lead.status}`)}</Tag>
            {lead.grade && (
              <Tooltip title={t(`leads.grade.${lead.grade}`)}>
                <Tag color={GRADE_COLORS[lead.grade]}>
                  {t('leadScreens.detail.grade', { grade: lead.grade })}
                </Tag>
              </Tooltip>
            )}
          </Space>
          {lead.statusReason && (
            <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0' }}>
              {t('leadScreens.detail.statusReason', { reason: lead.statusReason })}
            </Typography.Paragraph>
          )}
          <Descriptions
            size="small"
            column={{ xs: 1, sm: 2, md: 4 }}
            style={{ marginTop: 8 }}
            items={[
              { key: 'score', label: t('leads.fields.score'), children: lead.score },
              {
                key: 'probability',
                label: t('leads.fields.probability'),
                children:
                  lead.conversionProbability === null
                    ? empty
                    : `${Math.round(lead.conversionProbability * 100)}%`,
              },
              {
                key: 'owner',
                label: t('leads.fields.owner'),
                children: lead.ownerName ?? t('leadScreens.list.unassigned'),
              },
              { key: 'team', label: t('leads.fields.team'), children: lead.teamName ?? empty },
            ]}
          />
        </div>
        <Space wrap>
          <StatusMoveButton lead={lead} />
          {canShare && (
            <Button icon={<TeamOutlined />} onClick={() => setAssigning(true)}>
              {t(lead.can.assign ? 'leadScreens.detail.assign' : 'leadScreens.detail.share')}
            </Button>
          )}
          {lead.can.convert && (
            <Button type="primary" icon={<SwapOutlined />} onClick={onConvert}>
              {t('leadScreens.detail.convert')}
            </Button>
          )}
          {lead.can.delete && (
            <Popconfirm
              title={t('leadScreens.detail.deleteConfirm', { name })}
              okText={t('common.delete')}
              cancelText={t('common.cancel')}
              okButtonProps={{ danger: true }}
              onConfirm={() =>
                remove
                  .mutateAsync(lead.id)
                  .then(() => navigate('/leads'))
                  .catch((error: unknown) => handleError(error))
              }
            >
              <Button danger icon={<DeleteOutlined />}>
                {t('common.delete')}
              </Button>
            </Popconfirm>
          )}
        </Space>
      </Flex>
      <AssignModal lead={lead} open={assigning} onClose={() => setAssigning(false)} />
    </>
  );
}
