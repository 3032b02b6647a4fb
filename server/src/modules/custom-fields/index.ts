/**
 * Custom-fields module: the company's field definitions per object, and what the objects' modules call to
 * check, show and filter the values they store.
 */
export {
  customValueFromCell,
  findUser,
  type UserLookup,
  userLookupOf,
} from './custom-cells';
export { registerCustomFieldRoutes } from './custom-fields.routes';
export {
  applyCustomValues,
  carryCustomValues,
  customFilterSql,
  customValueCell,
  type FieldDef,
  loadFields,
  presentCustomValues,
} from './custom-values';
