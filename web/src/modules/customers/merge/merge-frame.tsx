import { ArrowLeftOutlined, SwapOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Popconfirm, Space, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';

type MergeFrameProps = {
  title: string;
  backTo: string;
  swapTo: string;
  targetName: string;
  sourceName: string;
  /** What moves and what is kept from both, as list items. */
  points: readonly string[];
  /** Why the merge cannot go ahead, if it cannot. */
  blocked: string | null;
  pending: boolean;
  onSubmit: () => void;
  children: ReactNode;
};

/** The merge screen around the field table: what happens, why it cannot, and the confirmed submit. */
export function MergeFrame(props: MergeFrameProps) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const names = { target: props.targetName, source: props.sourceName };
  return (
    <>
      <Link to={props.backTo}>
        <ArrowLeftOutlined /> {t('recordMerge.back')}
      </Link>
      <Flex justify="space-between" align="center" wrap gap={8} style={{ margin: '8px 0 16px' }}>
        <Typography.Title level={2} style={{ margin: 0 }}>
          {props.title}
        </Typography.Title>
        <Button icon={<SwapOutlined />} onClick={() => navigate(props.swapTo)}>
          {t('recordMerge.swap')}
        </Button>
      </Flex>
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title={t('recordMerge.summary', names)}
        description={
          <ul style={{ margin: 0, paddingInlineStart: 20 }}>
            {props.points.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        }
      />
      {props.blocked && <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={props.blocked} />}
      <Card size="small">
        {props.children}
        <Space style={{ marginTop: 16 }}>
          <Popconfirm
            title={t('recordMerge.confirm', names)}
            okText={t('recordMerge.submit')}
            cancelText={t('common.cancel')}
            onConfirm={props.onSubmit}
            disabled={props.blocked !== null}
          >
            <Button type="primary" disabled={props.blocked !== null} loading={props.pending}>
              {t('recordMerge.submit')}
            </Button>
          </Popconfirm>
          <Button onClick={() => navigate(props.backTo)}>{t('common.cancel')}</Button>
        </Space>
      </Card>
    </>
  );
}
