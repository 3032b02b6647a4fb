import { PlusOutlined } from '@ant-design/icons';
import type { NurtureTrack } from '@contracts/lead-routing.contract';
import { Button, Col, Empty, Row, Skeleton, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../shared/error-alert';
import { PageTitle } from '../../../shared/page-title';
import { useErrorHandler } from '../../../shared/use-error-handler';
import { useSession } from '../../auth/use-session';
import { TrackCard } from './track-card';
import { TrackFormModal } from './track-form-modal';
import { useDeleteTrack, useNurtureTracks } from './use-nurture-tracks';

/** The Nurture tracks tab: every track with its steps and enrolled leads; configurers edit them. */
export function NurturePage() {
  const { t } = useTranslation();
  const me = useSession();
  const editable = me.permissions.includes('leads.configure');
  const tracks = useNurtureTracks();
  const remove = useDeleteTrack();
  const handleError = useErrorHandler();
  const [editing, setEditing] = useState<NurtureTrack | 'new' | null>(null);
  return (
    <>
      <PageTitle
        extra={
          editable && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
              {t('leadRouting.nurture.create')}
            </Button>
          )
        }
      >
        {t('leadRouting.nurture.title')}
      </PageTitle>
      <Typography.Paragraph type="secondary">
        {t('leadRouting.nurture.intro')} {t('leadRouting.nurture.defaultHint')}
      </Typography.Paragraph>
      {tracks.isError && <ErrorAlert error={tracks.error} />}
      {tracks.isPending ? (
        <Skeleton active />
      ) : (tracks.data ?? []).length === 0 ? (
        <Empty description={t('leadRouting.nurture.empty')} />
      ) : (
        <Row gutter={[16, 16]}>
          {(tracks.data ?? []).map((track) => (
            <Col key={track.id} xs={24} lg={12} xxl={8}>
              <TrackCard
                track={track}
                editable={editable}
                onEdit={() => setEditing(track)}
                onDelete={() => remove.mutate(track.id, { onError: (error) => handleError(error) })}
              />
            </Col>
          ))}
        </Row>
      )}
      <TrackFormModal track={editing} onClose={() => setEditing(null)} />
    </>
  );
}
