import {
  type DealNeeds,
  NEEDS_LINK_DEFAULT_DAYS,
  NEEDS_LINK_MAX_DAYS,
  type NeedsShareLink,
} from '@contracts/deal-needs.contract';
import {
  Alert,
  App,
  Button,
  Card,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Space,
  Tooltip,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CopyField } from '../../../shared/copy-field';
import { useErrorHandler } from '../../../shared/use-error-handler';
import { useFormRules } from '../../../shared/use-form-rules';
import { useFormatDateTime } from '../../../shared/use-format-date-time';
import { coreNeedsText } from './needs-form-values';
import { useConfirmNeeds, useIssueNeedsLink, useRevokeNeedsLink } from './use-deal-needs';

type NeedsConfirmationProps = {
  dealId: string;
  needs: DealNeeds;
  /** Unsaved edits in the form: confirm only what is saved. */
  dirty: boolean;
  onPrint: () => void;
  /** A link was issued: shown once, by the tab (which outlives this card across saved versions). */
  onLink: (link: NeedsShareLink) => void;
};

/**
 * Where the record stands with the customer: not confirmed, confirmed (by whom, when), or changed since;
 * the read-only link's life; and the actions: confirm, a new link, switch the link off, print.
 */
export function NeedsConfirmation({ dealId, needs, dirty, onPrint, onLink }: NeedsConfirmationProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const formatDateTime = useFormatDateTime();
  const handleError = useErrorHandler();
  const [confirming, setConfirming] = useState(false);
  const issue = useIssueNeedsLink(dealId);
  const revoke = useRevokeNeedsLink(dealId);
  const confirmation = needs.confirmation;
  const blocked = dirty
    ? t('dealNeeds.confirmation.saveFirst')
    : needs.items.length === 0
      ? t('dealNeeds.confirmation.needItems')
      : null;

  return (
    <Card size="small" title={t('dealNeeds.confirmation.title')}>
      <Space orientation="vertical" style={{ width: '100%' }}>
        {!confirmation && <Alert type="info" showIcon title={t('dealNeeds.confirmation.none')} />}
        {confirmation && !confirmation.changedSinceConfirmation && (
          <Alert
            type="success"
            showIcon
            title={t('dealNeeds.confirmation.confirmed', {
              name: confirmation.confirmedByName,
              date: formatDateTime(confirmation.confirmedAt),
            })}
          />
        )}
        {confirmation?.changedSinceConfirmation && (
          <Alert
            type="warning"
            showIcon
            title={t('dealNeeds.confirmation.changed', { date: formatDateTime(confirmation.confirmedAt) })}
          />
        )}
        {confirmation && (
          <Typography.Text type="secondary">
            {confirmation.linkExpiresAt
              ? t('dealNeeds.confirmation.linkLive', { date: formatDateTime(confirmation.linkExpiresAt) })
              : t('dealNeeds.confirmation.linkNone')}
          </Typography.Text>
        )}
        <Space wrap>
          <Tooltip title={blocked}>
            <Button type="primary" disabled={blocked !== null} onClick={() => setConfirming(true)}>
              {confirmation ? t('dealNeeds.confirmation.confirmAgain') : t('dealNeeds.confirmation.confirm')}
            </Button>
          </Tooltip>
          {confirmation && (
            <Popconfirm
              title={t('dealNeeds.confirmation.newLinkConfirm')}
              onConfirm={() => issue.mutate({}, { onSuccess: onLink, onError: (e) => handleError(e) })}
            >
              <Button loading={issue.isPending}>{t('dealNeeds.confirmation.newLink')}</Button>
            </Popconfirm>
          )}
          {confirmation?.linkExpiresAt && (
            <Popconfirm
              title={t('dealNeeds.confirmation.revokeConfirm')}
              onConfirm={() =>
                revoke.mutate(undefined, {
                  onSuccess: () => void message.success(t('dealNeeds.confirmation.revoked')),
                  onError: (e) => handleError(e),
                })
              }
            >
              <Button danger loading={revoke.isPending}>
                {t('dealNeeds.confirmation.revoke')}
              </Button>
            </Popconfirm>
          )}
          <Button onClick={onPrint}>{t('dealNeeds.confirmation.print')}</Button>
        </Space>
      </Space>
      {confirming && (
        <ConfirmNeedsModal
          dealId={dealId}
          needs={needs}
          onClose={() => setConfirming(false)}
          onConfirmed={(issued) => {
            setConfirming(false);
            onLink(issued);
          }}
        />
      )}
    </Card>
  );
}

/** The read-only link, shown once right after it was issued, to copy or open. */
export function NeedsLinkModal({ link, onClose }: { link: NeedsShareLink | null; onClose: () => void }) {
  const { t } = useTranslation();
  const formatDateTime = useFormatDateTime();
  return (
    <Modal
      open={link !== null}
      title={t('dealNeeds.confirmation.linkTitle')}
      onCancel={onClose}
      onOk={onClose}
      okText={t('common.close')}
      cancelButtonProps={{ style: { display: 'none' } }}
    >
      <Typography.Paragraph>{t('dealNeeds.confirmation.linkText')}</Typography.Paragraph>
      {link && (
        <>
          <CopyField value={link.url} />
          <Typography.Paragraph type="secondary">
            {t('dealNeeds.confirmation.linkLive', { date: formatDateTime(link.expiresAt) })}
          </Typography.Paragraph>
          <Button href={link.url} target="_blank" rel="noopener noreferrer">
            {t('dealNeeds.confirmation.openPage')}
          </Button>
        </>
      )}
    </Modal>
  );
}

type ConfirmValues = { confirmedByName: string; summary: string; expiresInDays: number };

type ConfirmNeedsModalProps = {
  dealId: string;
  needs: DealNeeds;
  onClose: () => void;
  onConfirmed: (link: NeedsShareLink) => void;
};

/** Records who on the customer's side agreed to which summary; answers with the read-only link. */
function ConfirmNeedsModal({ dealId, needs, onClose, onConfirmed }: ConfirmNeedsModalProps) {
  const { t } = useTranslation();
  const rules = useFormRules();
  const handleError = useErrorHandler();
  const [form] = Form.useForm<ConfirmValues>();
  const confirm = useConfirmNeeds(dealId);
  const core = coreNeedsText(needs.items);
  const summary = needs.summary || (core ? t('dealNeeds.confirmation.summaryTemplate', { needs: core }) : '');
  const submit = (v: ConfirmValues) =>
    confirm.mutate(
      {
        version: needs.version,
        confirmedByName: v.confirmedByName.trim(),
        summary: v.summary.trim(),
        expiresInDays: v.expiresInDays,
      },
      { onSuccess: (answer) => onConfirmed(answer.link), onError: (e) => handleError(e, form) },
    );
  return (
    <Modal
      open
      title={t('dealNeeds.confirmation.dialogTitle')}
      okText={t('dealNeeds.confirmation.submit')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={confirm.isPending}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('dealNeeds.confirmation.dialogIntro')}</Typography.Paragraph>
      <Form<ConfirmValues>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{
          confirmedByName: needs.confirmation?.confirmedByName ?? '',
          summary,
          expiresInDays: NEEDS_LINK_DEFAULT_DAYS,
        }}
      >
        <Form.Item
          name="confirmedByName"
          label={t('dealNeeds.confirmation.confirmedByName')}
          rules={[rules.required]}
        >
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="summary" label={t('dealNeeds.confirmation.summary')} rules={[rules.required]}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} maxLength={5000} />
        </Form.Item>
        <Form.Item
          name="expiresInDays"
          label={t('dealNeeds.confirmation.expiresInDays')}
          rules={[{ required: true, message: t('errors.required') }]}
        >
          <InputNumber min={1} max={NEEDS_LINK_MAX_DAYS} precision={0} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
