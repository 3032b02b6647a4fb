import { bulkUpdateCustomers } from '@contracts/customer-bulk.contract';
import * as c from '@contracts/customers.contract';
import type { FastifyInstance } from 'fastify';
import type { Actor } from '../../platform/audit';
import type { Principal } from '../../platform/http/principal';
import { bindRoute } from '../../platform/http/route';
import type { Platform } from '../../platform/platform';
import * as bulk from './bulk/customer-bulk.service';
import * as contacts from './contacts.service';
import * as customers from './customer-profile.service';
import * as tags from './customer-tags.service';
import { registerMergeRoutes } from './merge/merge.routes';
import { registerPoolRoutes } from './pool/pool.routes';
import { registerSegmentRoutes } from './segments/segments.routes';

const callerOf = (principal: Principal, actor: Actor): customers.CustomerCaller => ({
  actor,
  role: principal.role,
});

export function registerCustomerRoutes(app: FastifyInstance, platform: Platform): void {
  bindRoute(app, platform, c.listCustomers, async ({ principal, actor, query }) =>
    customers.list(platform, callerOf(principal, actor), query),
  );
  bindRoute(app, platform, c.countCustomers, async ({ principal, actor, query }) =>
    customers.count(platform, callerOf(principal, actor), query),
  );
  bindRoute(app, platform, c.checkCustomerDuplicates, async ({ principal, actor, body }) =>
    customers.checkDuplicates(platform, callerOf(principal, actor), body),
  );
  bindRoute(app, platform, bulkUpdateCustomers, async ({ principal, actor, body, req }) =>
    bulk.bulkUpdateCustomers(platform, callerOf(principal, actor), body, req.locale),
  );
  bindRoute(app, platform, c.getCustomer, async ({ principal, actor, params }) =>
    customers.get(platform, callerOf(principal, actor), params.id),
  );
  bindRoute(app, platform, c.createCustomer, async ({ principal, actor, body }) =>
    customers.create(platform, callerOf(principal, actor), body),
  );
  bindRoute(app, platform, c.updateCustomer, async ({ principal, actor, params, body, expectedVersion }) => {
    const { version: _version, ...input } = body;
    return customers.update(platform, callerOf(principal, actor), params.id, expectedVersion, input);
  });
  bindRoute(app, platform, c.deleteCustomer, async ({ principal, actor, params }) => {
    await customers.remove(platform, callerOf(principal, actor), params.id);
    return null;
  });
  bindRoute(app, platform, c.listCustomerDeals, async ({ principal, actor, params, query }) =>
    customers.listDeals(platform, callerOf(principal, actor), params.id, query),
  );
  bindRoute(app, platform, c.listCustomerContacts, async ({ principal, actor, params, query }) =>
    contacts.listOfCustomer(platform, callerOf(principal, actor), params.id, query),
  );

  bindRoute(app, platform, c.listContacts, async ({ principal, actor, query }) =>
    contacts.list(platform, callerOf(principal, actor), query),
  );
  bindRoute(app, platform, c.checkContactDuplicates, async ({ principal, actor, body }) =>
    contacts.checkDuplicates(platform, callerOf(principal, actor), body),
  );
  bindRoute(app, platform, c.getContact, async ({ principal, actor, params }) =>
    contacts.get(platform, callerOf(principal, actor), params.id),
  );
  bindRoute(app, platform, c.createContact, async ({ principal, actor, body }) =>
    contacts.create(platform, callerOf(principal, actor), body),
  );
  bindRoute(app, platform, c.updateContact, async ({ principal, actor, params, body, expectedVersion }) => {
    const { version: _version, ...input } = body;
    return contacts.update(platform, callerOf(principal, actor), params.id, expectedVersion, input);
  });
  bindRoute(app, platform, c.deleteContact, async ({ principal, actor, params }) => {
    await contacts.remove(platform, callerOf(principal, actor), params.id);
    return null;
  });

  bindRoute(app, platform, c.listCustomerTags, async ({ actor }) => tags.list(platform, actor));
  bindRoute(app, platform, c.createCustomerTag, async ({ actor, body }) =>
    tags.create(platform, actor, body),
  );
  bindRoute(app, platform, c.updateCustomerTag, async ({ actor, params, body, expectedVersion }) => {
    const { version: _version, ...input } = body;
    return tags.update(platform, actor, params.id, expectedVersion, input);
  });
  bindRoute(app, platform, c.deleteCustomerTag, async ({ actor, params }) => {
    await tags.remove(platform, actor, params.id);
    return null;
  });

  registerMergeRoutes(app, platform);
  registerPoolRoutes(app, platform);
  registerSegmentRoutes(app, platform);
}
