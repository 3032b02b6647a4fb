import { Alert, App, Button, Modal, Popconfirm, Space, Spin, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CopyField } from '../../../shared/copy-field';
import { useErrorHandler } from '../../../shared/use-error-handler';
import { useFormatDateTime } from '../../../shared/use-format-date-time';
import { useCalendarFeed, useCreateCalendarFeed, useDeleteCalendarFeed } from './use-calendar';

type FeedModalProps = { open: boolean; onClose: () => void };

/**
 * The personal ICS feed for phone calendars: its URL is a secret shown once when made; making a new one
 * or turning the feed off stops the old URL.
 */
export function FeedModal({ open, onClose }: FeedModalProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const formatDateTime = useFormatDateTime();
  const handleError = useErrorHandler();
  const feed = useCalendarFeed();
  const create = useCreateCalendarFeed();
  const remove = useDeleteCalendarFeed();
  const [url, setUrl] = useState<string | null>(null);
  const make = () =>
    create.mutate(undefined, {
      onSuccess: (made) => setUrl(made.url),
      onError: (error) => handleError(error),
    });
  const active = feed.data?.active ?? false;
  return (
    <Modal
      open={open}
      title={t('activities.calendar.feed')}
      onCancel={() => {
        setUrl(null);
        onClose();
      }}
      footer={null}
      destroyOnHidden
    >
      <Typography.Paragraph>{t('activities.calendar.feedIntro')}</Typography.Paragraph>
      {feed.isPending ? (
        <Spin />
      ) : url ? (
        <>
          <Alert
            type="warning"
            showIcon
            title={t('activities.calendar.feedUrl')}
            style={{ marginBottom: 12 }}
          />
          <CopyField value={url} />
        </>
      ) : (
        <Typography.Paragraph type="secondary">
          {active
            ? t('activities.calendar.feedActive', { time: formatDateTime(feed.data?.createdAt) })
            : t('activities.calendar.feedNone')}
        </Typography.Paragraph>
      )}
      <Space>
        {active ? (
          <Popconfirm title={t('activities.calendar.feedRegenerateConfirm')} onConfirm={make}>
            <Button loading={create.isPending}>{t('activities.calendar.feedRegenerate')}</Button>
          </Popconfirm>
        ) : (
          <Button type="primary" onClick={make} loading={create.isPending}>
            {t('activities.calendar.feedCreate')}
          </Button>
        )}
        {active && (
          <Button
            danger
            loading={remove.isPending}
            onClick={() =>
              remove.mutate(undefined, {
                onSuccess: () => {
                  setUrl(null);
                  void message.success(t('activities.calendar.feedTurnedOff'));
                },
                onError: (error) => handleError(error),
              })
            }
          >
            {t('activities.calendar.feedOff')}
          </Button>
        )}
      </Space>
    </Modal>
  );
}
