import { lineTotalMinor } from '@contracts/deal-proposals.contract';
import { Alert, App, Button, Card, Col, Flex, Form, Input, Row, Space, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isVersionConflict } from '../../../api/api-error';
import { CurrencySelect } from '../../../shared/currency-select';
import { ErrorAlert } from '../../../shared/error-alert';
import { useErrorHandler } from '../../../shared/use-error-handler';
import { PainPointMapping } from './pain-point-mapping';
import { bodyOf, draftOf, type ProposalDraft } from './proposal-draft';
import { ProposalFeedbackPanel } from './proposal-feedback-panel';
import { ProposalLinesEditor } from './proposal-lines-editor';
import { ProposalMaterialsPanel } from './proposal-materials-panel';
import { ProposalMilestonesEditor } from './proposal-milestones-editor';
import { ProposalReviewPanel } from './proposal-review-panel';
import { ProposalRoiCalculator } from './proposal-roi-calculator';
import { PROPOSAL_STATUS_COLORS } from './proposal-status-colors';
import { useProposal, useUpdateProposal } from './use-proposals';

type Props = { dealId: string; proposalId: string; onClose: () => void };

/** One version: content, lines with live totals, plan, ROI, pain-point answers; review, feedback, materials. */
export function ProposalEditor({ dealId, proposalId, onClose }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const handleError = useErrorHandler();
  const proposal = useProposal(dealId, proposalId);
  const update = useUpdateProposal(dealId);
  const [draft, setDraft] = useState<ProposalDraft | null>(null);
  const [dirty, setDirty] = useState(false);
  const p = proposal.data;

  // A newly loaded version (or one saved elsewhere) replaces the draft unless the user is mid-edit.
  useEffect(() => {
    if (p && !dirty) setDraft(draftOf(p));
  }, [p, dirty]);

  if (proposal.isError) return <ErrorAlert error={proposal.error} />;
  if (!p || !draft) return <Card loading />;
  const readOnly = !p.can.edit;
  const change = (next: Partial<ProposalDraft>) => {
    setDraft({ ...draft, ...next });
    setDirty(true);
  };
  const totalMinor = draft.lines.reduce((sum, line) => sum + lineTotalMinor(line), 0);
  const save = () =>
    update.mutate(
      { proposalId: p.id, body: bodyOf(draft, p.version) },
      {
        onSuccess: (saved) => {
          setDirty(false);
          setDraft(draftOf(saved));
          void message.success(t('dealProposals.editor.saved'));
        },
        onError: (error) => {
          if (isVersionConflict(error)) setDirty(false);
          handleError(error);
        },
      },
    );

  return (
    <Card
      title={
        <Space>
          {t('dealProposals.versionLabel', { n: p.versionNo })}
          <Tag color={PROPOSAL_STATUS_COLORS[p.status]}>{t(`dealProposals.statusName.${p.status}`)}</Tag>
        </Space>
      }
      extra={
        <Space>
          {!readOnly && (
            <Button type="primary" disabled={!dirty} loading={update.isPending} onClick={save}>
              {t('dealProposals.editor.save')}
            </Button>
          )}
          <Button onClick={onClose}>{t('dealProposals.close')}</Button>
        </Space>
      }
    >
      <Flex vertical gap={24}>
        {readOnly && (
          <Alert
            type="info"
            showIcon
            title={t('dealProposals.editor.readOnly', { status: t(`dealProposals.statusName.${p.status}`) })}
          />
        )}
        <Form layout="vertical" component={false}>
          <Row gutter={16}>
            <Col xs={24} md={18}>
              <Form.Item label={t('dealProposals.title')} required>
                <Input
                  maxLength={200}
                  value={draft.title}
                  disabled={readOnly}
                  onChange={(e) => change({ title: e.target.value })}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={6}>
              <Form.Item label={t('dealProposals.editor.currency')}>
                <CurrencySelect
                  value={draft.currency}
                  disabled={readOnly}
                  onChange={(currency: string) => change({ currency })}
                />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item label={t('dealProposals.editor.overview')}>
            <Input.TextArea
              autoSize={{ minRows: 2, maxRows: 10 }}
              maxLength={20_000}
              value={draft.overview}
              disabled={readOnly}
              onChange={(e) => change({ overview: e.target.value })}
            />
          </Form.Item>
          <Form.Item label={t('dealProposals.editor.valueProposition')}>
            <Input.TextArea
              autoSize={{ minRows: 2, maxRows: 10 }}
              maxLength={20_000}
              value={draft.valueProposition}
              disabled={readOnly}
              onChange={(e) => change({ valueProposition: e.target.value })}
            />
          </Form.Item>
        </Form>
        <section>
          <Typography.Title level={5}>{t('dealProposals.painPoints.title')}</Typography.Title>
          <PainPointMapping
            painPoints={p.painPoints}
            answers={draft.answers}
            readOnly={readOnly}
            onChange={(answers) => change({ answers })}
          />
        </section>
        <section>
          <Typography.Title level={5}>{t('dealProposals.lines.title')}</Typography.Title>
          <ProposalLinesEditor
            lines={draft.lines}
            currency={draft.currency}
            readOnly={readOnly}
            onChange={(lines) => change({ lines })}
          />
          <Form layout="vertical" component={false}>
            <Form.Item label={t('dealProposals.editor.pricingNote')} style={{ marginTop: 16 }}>
              <Input.TextArea
                autoSize={{ minRows: 1, maxRows: 6 }}
                maxLength={5000}
                value={draft.pricingNote}
                disabled={readOnly}
                onChange={(e) => change({ pricingNote: e.target.value })}
              />
            </Form.Item>
          </Form>
        </section>
        <section>
          <Typography.Title level={5}>{t('dealProposals.milestones.title')}</Typography.Title>
          <ProposalMilestonesEditor
            milestones={draft.milestones}
            readOnly={readOnly}
            onChange={(milestones) => change({ milestones })}
          />
        </section>
        <section>
          <Typography.Title level={5}>{t('dealProposals.roi.title')}</Typography.Title>
          <ProposalRoiCalculator
            roi={draft.roi}
            currency={draft.currency}
            totalMinor={totalMinor}
            readOnly={readOnly}
            onChange={(roi) => change({ roi })}
          />
        </section>
        <section>
          <Typography.Title level={5}>{t('dealProposals.review.title')}</Typography.Title>
          <ProposalReviewPanel dealId={dealId} proposal={p} dirty={dirty} />
        </section>
        <section>
          <Typography.Title level={5}>{t('dealProposals.feedback.title')}</Typography.Title>
          <ProposalFeedbackPanel dealId={dealId} proposal={p} />
        </section>
        <section>
          <Typography.Title level={5}>{t('dealProposals.materials.title')}</Typography.Title>
          <ProposalMaterialsPanel dealId={dealId} proposal={p} />
        </section>
      </Flex>
    </Card>
  );
}
