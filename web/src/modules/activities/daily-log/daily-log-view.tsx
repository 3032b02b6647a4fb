import type { DailyLog } from '@contracts/activities.contract';
import { Alert, App, Button, Card, Col, Descriptions, Empty, Form, Input, Row, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useErrorHandler } from '../../../shared/use-error-handler';
import { useFormRules } from '../../../shared/use-form-rules';
import { useFormatDateTime } from '../../../shared/use-format-date-time';
import { ActivityRow } from '../activity-row';
import { DailyLogEditor } from './daily-log-editor';
import { useReviewDailyLog } from './use-daily-logs';

type LogStatus = 'none' | 'saved' | 'submitted' | 'reviewed';

export function statusOf(log: {
  stored?: boolean;
  logId?: string | null;
  submittedAt: string | null;
  reviewedAt: string | null;
}): LogStatus {
  if (log.reviewedAt) return 'reviewed';
  if (log.submittedAt) return 'submitted';
  return log.stored || log.logId ? 'saved' : 'none';
}

const STATUS_COLORS: Record<LogStatus, string> = {
  none: 'default',
  saved: 'processing',
  submitted: 'success',
  reviewed: 'purple',
};

export function LogStatusTag({ status }: { status: LogStatus }) {
  const { t } = useTranslation();
  return <Tag color={STATUS_COLORS[status]}>{t(`activities.dailyLog.status.${status}`)}</Tag>;
}

function ReviewForm({ log }: { log: DailyLog }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ comment: string }>();
  const review = useReviewDailyLog();
  const handleError = useErrorHandler();
  const rules = useFormRules();
  return (
    <Form<{ comment: string }>
      form={form}
      layout="vertical"
      initialValues={{ comment: log.reviewComment ?? '' }}
      onFinish={(v) =>
        review.mutate(
          { day: log.day, userId: log.userId, version: log.version, comment: v.comment.trim() },
          {
            onSuccess: () => void message.success(t('activities.dailyLog.reviewSent')),
            onError: (error) => handleError(error, form),
          },
        )
      }
    >
      <Form.Item name="comment" label={t('activities.dailyLog.review')} rules={[rules.required]}>
        <Input.TextArea
          maxLength={5000}
          autoSize={{ minRows: 2, maxRows: 6 }}
          placeholder={t('activities.dailyLog.reviewPlaceholder')}
        />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={review.isPending}>
        {t('activities.dailyLog.sendReview')}
      </Button>
    </Form>
  );
}

type DailyLogViewProps = { log: DailyLog };

/**
 * A day's log with what it is based on: editable by its author until submitted, otherwise shown as
 * written, with the manager's comment (or the form to write one) and the day's activities beside it.
 */
export function DailyLogView({ log }: DailyLogViewProps) {
  const { t } = useTranslation();
  const formatDateTime = useFormatDateTime();
  return (
    <Row gutter={16}>
      <Col xs={24} lg={14}>
        <Card
          size="small"
          title={
            <>
              {log.userName} · {log.day} <LogStatusTag status={statusOf(log)} />
            </>
          }
          style={{ marginBottom: 16 }}
        >
          {log.can.edit ? (
            <DailyLogEditor log={log} />
          ) : (
            <Descriptions column={1} size="small" layout="vertical">
              <Descriptions.Item label={t('activities.dailyLog.summary')}>
                <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>
                  {log.summary || t('common.empty')}
                </Typography.Paragraph>
              </Descriptions.Item>
              <Descriptions.Item label={t('activities.dailyLog.keyPoints')}>
                {log.keyPoints.length === 0 ? (
                  t('common.empty')
                ) : (
                  <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                    {log.keyPoints.map((k) => (
                      <li key={`${k.customerId ?? ''}:${k.text}`}>
                        {k.customerId ? (
                          <Link to={`/customers/${k.customerId}`}>
                            {k.customerName ?? t('activities.item.customer')}
                          </Link>
                        ) : (
                          <Typography.Text type="secondary">
                            {t('activities.dailyLog.noCustomer')}
                          </Typography.Text>
                        )}
                        {': '}
                        <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{k.text}</Typography.Text>
                      </li>
                    ))}
                  </ul>
                )}
              </Descriptions.Item>
              <Descriptions.Item label={t('activities.dailyLog.plans')}>
                <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>
                  {log.plans || t('common.empty')}
                </Typography.Paragraph>
              </Descriptions.Item>
            </Descriptions>
          )}
          {log.submittedAt && (
            <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
              {t('activities.dailyLog.submittedAt', { time: formatDateTime(log.submittedAt) })}
            </Typography.Paragraph>
          )}
        </Card>
        {log.reviewComment && (
          <Alert
            type="success"
            showIcon
            title={t('activities.dailyLog.reviewedBy', {
              name: log.reviewerName ?? '',
              time: formatDateTime(log.reviewedAt),
            })}
            description={<span style={{ whiteSpace: 'pre-wrap' }}>{log.reviewComment}</span>}
            style={{ marginBottom: 16 }}
          />
        )}
        {log.can.review && (
          <Card size="small" style={{ marginBottom: 16 }}>
            <ReviewForm log={log} />
          </Card>
        )}
      </Col>
      <Col xs={24} lg={10}>
        <Card size="small" title={t('activities.dailyLog.done')} style={{ marginBottom: 16 }}>
          {log.done.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('activities.myDay.nothing')} />
          ) : (
            log.done.map((a) => <ActivityRow key={a.id} activity={a} hideOwner />)
          )}
        </Card>
        <Card size="small" title={t('activities.dailyLog.planned')}>
          {log.planned.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('activities.myDay.nothing')} />
          ) : (
            log.planned.map((a) => <ActivityRow key={a.id} activity={a} hideOwner />)
          )}
        </Card>
      </Col>
    </Row>
  );
}
