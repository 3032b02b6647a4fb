import { Alert, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { PlainList } from './plain-list';

export type BulkOutcome = {
  updated: number;
  failed: { id: string; code: string; detail: string }[];
};

type BulkResultModalProps = {
  outcome: BulkOutcome | null;
  /** Names of the leads that were selected, to say which ones failed. */
  names: ReadonlyMap<string, string>;
  onClose: () => void;
};

/** "n updated, m failed", and why each failure failed. */
export function BulkResultModal({ outcome, names, onClose }: BulkResultModalProps) {
  const { t } = useTranslation();
  return (
    <Modal
      open={outcome !== null}
      title={t('leadScreens.bulk.resultTitle')}
      onOk={onClose}
      onCancel={onClose}
      cancelButtonProps={{ style: { display: 'none' } }}
      okText={t('common.close')}
    >
      {outcome && (
        <>
          <Alert
            type={outcome.failed.length === 0 ? 'success' : outcome.updated === 0 ? 'error' : 'warning'}
            showIcon
            title={t('leadScreens.bulk.result', { updated: outcome.updated, failed: outcome.failed.length })}
            style={{ marginBottom: 12 }}
          />
          {outcome.failed.length > 0 && (
            <>
              <Typography.Paragraph strong>{t('leadScreens.bulk.failures')}</Typography.Paragraph>
              <div style={{ maxHeight: 320, overflowY: 'auto' }}>
                <PlainList
                  items={outcome.failed}
                  itemKey={(f) => f.id}
                  render={(f) => (
                    <>
                      <Typography.Text strong>{names.get(f.id) ?? f.id}</Typography.Text>
                      <br />
                      <Typography.Text type="secondary">{f.detail}</Typography.Text>
                    </>
                  )}
                />
              </div>
            </>
          )}
        </>
      )}
    </Modal>
  );
}
