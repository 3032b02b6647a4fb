import { Alert, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { PlainList } from './plain-list';

export type BulkOutcome = {
  updated: number;
  /** Records that already were as asked (left out when the action always changes something). */
  unchanged?: number;
  failed: { id: string; name?: string | null; code: string; detail: string }[];
};

type BulkResultModalProps = {
  outcome: BulkOutcome | null;
  /** Names of the records that were selected, for failures the answer does not name. */
  names?: ReadonlyMap<string, string>;
  onClose: () => void;
};

/** "n updated, m failed" after a bulk change, and why each failure failed. */
export function BulkResultModal({ outcome, names, onClose }: BulkResultModalProps) {
  const { t } = useTranslation();
  return (
    <Modal
      open={outcome !== null}
      title={t('common.bulk.resultTitle')}
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
            title={
              outcome.unchanged
                ? t('common.bulk.resultUnchanged', {
                    updated: outcome.updated,
                    unchanged: outcome.unchanged,
                    failed: outcome.failed.length,
                  })
                : t('common.bulk.result', { updated: outcome.updated, failed: outcome.failed.length })
            }
            style={{ marginBottom: 12 }}
          />
          {outcome.failed.length > 0 && (
            <>
              <Typography.Paragraph strong>{t('common.bulk.failures')}</Typography.Paragraph>
              <div style={{ maxHeight: 320, overflowY: 'auto' }}>
                <PlainList
                  items={outcome.failed}
                  itemKey={(f) => f.id}
                  render={(f) => (
                    <>
                      <Typography.Text strong>{f.name ?? names?.get(f.id) ?? f.id}</Typography.Text>
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
