import type { Locale } from '@contracts/common';
import * as c from '@contracts/receivables.contract';
import type { FastifyInstance } from 'fastify';
import type { Actor } from '../../platform/audit';
import type { Principal } from '../../platform/http/principal';
import { bindRoute } from '../../platform/http/route';
import type { Platform } from '../../platform/platform';
import { ageingReport } from './ageing.service';
import { getCustomerTransactions } from './customer-transactions';
import { getInvoice, issueInvoice, listInvoices, setInvoiceStatus } from './invoices.service';
import { type CashCaller, getPaymentPlan, setPaymentPlan } from './payment-plan.service';
import { listPayments, recordPayment, reversePayment } from './payments.service';
import { getReceivableSettings, updateReceivableSettings } from './receivables-rules';
import { listRenewals, openRenewalDeal } from './renewals.service';

const callerOf = (principal: Principal, actor: Actor, locale: Locale): CashCaller => ({
  actor,
  role: principal.role,
  locale,
});

export function registerReceivableRoutes(app: FastifyInstance, platform: Platform): void {
  bindRoute(app, platform, c.getPaymentPlan, async ({ principal, actor, params, req }) =>
    getPaymentPlan(platform, callerOf(principal, actor, req.locale), params.id),
  );
  bindRoute(app, platform, c.putPaymentPlan, async ({ principal, actor, params, body, req }) =>
    setPaymentPlan(platform, callerOf(principal, actor, req.locale), params.id, body),
  );
  bindRoute(app, platform, c.listPayments, async ({ principal, actor, query, req }) =>
    listPayments(platform, callerOf(principal, actor, req.locale), query),
  );
  bindRoute(app, platform, c.recordPayment, async ({ principal, actor, body, req }) =>
    recordPayment(platform, callerOf(principal, actor, req.locale), body),
  );
  bindRoute(app, platform, c.reversePayment, async ({ principal, actor, params, req }) => {
    await reversePayment(platform, callerOf(principal, actor, req.locale), params.id);
    return null;
  });
  bindRoute(app, platform, c.listInvoices, async ({ principal, actor, query, req }) =>
    listInvoices(platform, callerOf(principal, actor, req.locale), query),
  );
  bindRoute(app, platform, c.getInvoice, async ({ principal, actor, params, req }) =>
    getInvoice(platform, callerOf(principal, actor, req.locale), params.id),
  );
  bindRoute(app, platform, c.issueInvoice, async ({ principal, actor, body, req }) =>
    issueInvoice(platform, callerOf(principal, actor, req.locale), body),
  );
  bindRoute(
    app,
    platform,
    c.setInvoiceStatus,
    async ({ principal, actor, params, body, expectedVersion, req }) => {
      const { version: _version, ...input } = body;
      return setInvoiceStatus(
        platform,
        callerOf(principal, actor, req.locale),
        params.id,
        expectedVersion,
        input,
      );
    },
  );
  bindRoute(app, platform, c.getAgeing, async ({ principal, actor, req }) =>
    ageingReport(platform, callerOf(principal, actor, req.locale)),
  );
  bindRoute(app, platform, c.listRenewals, async ({ principal, actor, query, req }) =>
    listRenewals(platform, callerOf(principal, actor, req.locale), query.within),
  );
  bindRoute(app, platform, c.openRenewalDeal, async ({ principal, actor, params, req }) =>
    openRenewalDeal(platform, callerOf(principal, actor, req.locale), params.id),
  );
  bindRoute(app, platform, c.getReceivableSettings, async ({ actor }) =>
    getReceivableSettings(platform, actor.tenantId),
  );
  bindRoute(app, platform, c.putReceivableSettings, async ({ actor, body }) =>
    updateReceivableSettings(platform, actor, body),
  );
  bindRoute(app, platform, c.getCustomerTransactions, async ({ principal, actor, params, req }) =>
    getCustomerTransactions(platform, callerOf(principal, actor, req.locale), params.id),
  );
}
