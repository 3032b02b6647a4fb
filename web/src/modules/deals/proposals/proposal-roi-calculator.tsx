import { computeRoi } from '@contracts/deal-proposals.contract';
import { Button, Col, Form, Row, Statistic } from 'antd';
import { useTranslation } from 'react-i18next';
import { MinorAmountInput } from './minor-amount-input';
import type { DraftRoi } from './proposal-draft';

type Props = {
  roi: DraftRoi | null;
  currency: string;
  totalMinor: number;
  readOnly: boolean;
  onChange: (roi: DraftRoi | null) => void;
};

/** ROI inputs and the computed payback and 3-year ROI, live, with the server's formula. */
export function ProposalRoiCalculator({ roi, currency, totalMinor, readOnly, onChange }: Props) {
  const { t } = useTranslation();
  if (!roi) {
    return readOnly ? null : (
      <Button
        onClick={() => onChange({ investmentMinor: totalMinor, yearlyBenefitMinor: 0, yearlySavingMinor: 0 })}
      >
        {t('dealProposals.roi.enable')}
      </Button>
    );
  }
  const result = computeRoi(roi);
  const empty = t('common.empty');
  return (
    <Form layout="vertical" component={false}>
      <Row gutter={16}>
        <Col xs={24} md={8}>
          <Form.Item
            label={t('dealProposals.roi.investment')}
            extra={
              !readOnly && (
                <Button
                  type="link"
                  size="small"
                  style={{ padding: 0 }}
                  onClick={() => onChange({ ...roi, investmentMinor: totalMinor })}
                >
                  {t('dealProposals.roi.useTotal')}
                </Button>
              )
            }
          >
            <MinorAmountInput
              aria-label={t('dealProposals.roi.investment')}
              currency={currency}
              value={roi.investmentMinor}
              disabled={readOnly}
              onChange={(investmentMinor) => onChange({ ...roi, investmentMinor })}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item label={t('dealProposals.roi.yearlyBenefit')}>
            <MinorAmountInput
              aria-label={t('dealProposals.roi.yearlyBenefit')}
              currency={currency}
              value={roi.yearlyBenefitMinor}
              disabled={readOnly}
              onChange={(yearlyBenefitMinor) => onChange({ ...roi, yearlyBenefitMinor })}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item label={t('dealProposals.roi.yearlySaving')}>
            <MinorAmountInput
              aria-label={t('dealProposals.roi.yearlySaving')}
              currency={currency}
              value={roi.yearlySavingMinor}
              disabled={readOnly}
              onChange={(yearlySavingMinor) => onChange({ ...roi, yearlySavingMinor })}
            />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={16} align="middle">
        <Col xs={12} md={8}>
          <Statistic
            title={t('dealProposals.roi.payback')}
            value={
              result.paybackMonths === null
                ? empty
                : t('dealProposals.roi.paybackMonths', { n: result.paybackMonths })
            }
          />
        </Col>
        <Col xs={12} md={8}>
          <Statistic
            title={t('dealProposals.roi.threeYear')}
            value={result.threeYearRoiPercent === null ? empty : `${result.threeYearRoiPercent}%`}
          />
        </Col>
        {!readOnly && (
          <Col xs={24} md={8}>
            <Button danger onClick={() => onChange(null)}>
              {t('dealProposals.roi.remove')}
            </Button>
          </Col>
        )}
      </Row>
    </Form>
  );
}
