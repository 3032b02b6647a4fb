import { ACTIVITY_KINDS, type ActivityKind } from '@contracts/activities.contract';
import type { Notification } from '@contracts/notifications.contract';
import type { TFunction } from 'i18next';

type Params = Notification['params'];

const text = (params: Params, key: string): string => {
  const value = params[key];
  return value === null || value === undefined ? '' : String(value);
};
const isActivityKind = (kind: string): kind is ActivityKind =>
  (ACTIVITY_KINDS as readonly string[]).includes(kind);
const count = (params: Params, key: string): number => {
  const value = Number(params[key]);
  return Number.isFinite(value) ? value : 0;
};

/**
 * A notification in the reader's language from its kind and params. Every param is read defensively:
 * the writer of a kind may add or omit one, and the message still reads.
 */
export function notificationText(n: Pick<Notification, 'kind' | 'params'>, t: TFunction): string {
  const p = n.params;
  const name = text(p, 'name') || t('notification.someLead');
  switch (n.kind) {
    case 'lead_assigned': {
      const many = count(p, 'count') > 1;
      const grade = text(p, 'grade');
      const base = many
        ? t('notification.lead_assigned_several', { n: count(p, 'count'), name })
        : t('notification.lead_assigned', { name });
      return grade ? `${base}${t('notification.gradeSuffix', { grade })}` : base;
    }
    case 'lead_mql':
      return t('notification.lead_mql', { name, score: text(p, 'score') || '—' });
    case 'lead_sla_breached':
      return t('notification.lead_sla_breached', { name });
    case 'lead_sla_escalated': {
      const owner = text(p, 'owner');
      const base = t('notification.lead_sla_escalated', { name });
      return owner ? `${base}${t('notification.ownerSuffix', { owner })}` : base;
    }
    case 'lead_revisit_due':
      return t('notification.lead_revisit_due', { name });
    case 'lead_import_done':
      return t('notification.lead_import_done', {
        file: text(p, 'file') || t('notification.someFile'),
        imported: count(p, 'imported'),
        skipped: count(p, 'skipped'),
      });
    case 'record_import_done':
      return t('notification.record_import_done', {
        file: text(p, 'file') || t('notification.someFile'),
        imported: count(p, 'imported'),
        skipped: count(p, 'skipped'),
      });
    case 'task_due':
      return t('notification.task_due', { subject: text(p, 'subject') || t('notification.someTask') });
    case 'activity_reminder': {
      const kind = text(p, 'kind');
      return t('notification.activity_reminder', {
        kind: isActivityKind(kind) ? t(`activities.kind.${kind}`) : t('activities.kind.task'),
        subject: text(p, 'subject') || t('notification.someTask'),
        time: text(p, 'time') || '—',
      });
    }
    case 'daily_log_reviewed':
      return t('notification.daily_log_reviewed', {
        reviewer: text(p, 'reviewer') || t('notification.someone'),
        day: text(p, 'day') || t('notification.someDay'),
      });
    case 'customer_pool_warning': {
      const at = text(p, 'returnAt');
      return t('notification.customer_pool_warning', {
        name: text(p, 'name') || t('notification.someCustomer'),
        date: at ? new Date(at).toLocaleDateString() : '—',
      });
    }
    case 'deal_stale':
      return t('notification.deal_stale', {
        name: text(p, 'name'),
        stage: text(p, 'stage'),
        days: count(p, 'days'),
        limit: count(p, 'limit'),
      });
    case 'deal_proposal_late':
      return t('notification.deal_proposal_late', {
        name: text(p, 'name'),
        due: text(p, 'due'),
        days: count(p, 'days'),
      });
    case 'customer_at_risk':
      return t('notification.customer_at_risk', {
        name: text(p, 'name') || t('notification.someCustomer'),
        score: count(p, 'score'),
        threshold: count(p, 'threshold'),
      });
    case 'customer_returned_to_pool':
      return t('notification.customer_returned_to_pool', {
        name: text(p, 'name') || t('notification.someCustomer'),
        days: count(p, 'days'),
      });
    case 'proposal_review_requested':
      return t('notification.proposal_review_requested', {
        author: text(p, 'author') || t('notification.someone'),
        deal: text(p, 'deal') || t('notification.someDeal'),
        versionNo: text(p, 'versionNo') || '?',
      });
    case 'proposal_approved':
    case 'proposal_returned':
      return t(`notification.${n.kind}`, {
        reviewer: text(p, 'reviewer') || t('notification.someone'),
        deal: text(p, 'deal') || t('notification.someDeal'),
        versionNo: text(p, 'versionNo') || '?',
      });
    case 'price_floor_approval_requested':
      return t('notification.price_floor_approval_requested', {
        author: text(p, 'author') || t('notification.someone'),
        deal: text(p, 'deal') || t('notification.someDeal'),
        price: text(p, 'price') || '—',
        floor: text(p, 'floor') || '—',
      });
    case 'price_floor_approved':
    case 'price_floor_rejected':
      return t(`notification.${n.kind}`, {
        approver: text(p, 'approver') || t('notification.someone'),
        deal: text(p, 'deal') || t('notification.someDeal'),
        price: text(p, 'price') || '—',
      });
    case 'negotiation_no_agreement':
      return t('notification.negotiation_no_agreement', {
        deal: text(p, 'deal') || t('notification.someDeal'),
        date: text(p, 'nextMeetingOn') || '—',
      });
    case 'quote_viewed':
    case 'quote_accepted':
    case 'quote_declined':
    case 'quote_expired':
      return t(`notification.${n.kind}`, {
        number: text(p, 'number') || '—',
        title: text(p, 'title'),
        name: text(p, 'name') || t('notification.someone'),
        reason: text(p, 'reason') || '—',
        date: text(p, 'validUntil') || '—',
      });
    case 'contract_signed':
    case 'contract_declined':
      return t(`notification.${n.kind}`, {
        number: text(p, 'number') || '—',
        title: text(p, 'title'),
        name: text(p, 'name') || t('notification.someone'),
        reason: text(p, 'reason') || '—',
      });
    case 'payment_overdue':
      return t('notification.payment_overdue', {
        contract: text(p, 'contract') || '—',
        customer: text(p, 'customer') || t('notification.someCustomer'),
        days: count(p, 'days'),
        amount: text(p, 'amount') || '—',
      });
    case 'renewal_due':
      return t('notification.renewal_due', {
        contract: text(p, 'contract') || '—',
        date: text(p, 'endsOn') || '—',
        days: count(p, 'days'),
      });
    case 'approval_requested':
    case 'approval_reminder':
    case 'approval_escalated':
    case 'approval_approved':
    case 'approval_returned':
      return t(`notification.${n.kind}`, {
        title: text(p, 'title') || '—',
        requester: text(p, 'requester') || t('notification.someone'),
        approver: text(p, 'approver') || t('notification.someone'),
        comment: text(p, 'comment') || '—',
      });
  }
}
