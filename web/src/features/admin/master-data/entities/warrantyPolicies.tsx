// Warranty policies (保修政策): months from the invoice date, what is covered.
import { defineMessages } from '../../../../app/i18n';
import {
  MdCreateWarrantyPolicyDocument,
  MdUpdateWarrantyPolicyDocument,
  MdWarrantyPoliciesDocument,
  type MdWarrantyPolicyFragment,
  type WarrantyPolicyInput,
} from '../../../../gql/graphql';
import { auditIdOf } from '../scaffold/audit';
import { defineEntity } from '../scaffold/define';
import { connectionPage } from '../scaffold/paging';
import { yesNo } from '../scaffold/render';
import { flag, required } from '../scaffold/values';

const messages = defineMessages({
  zh: {
    title: '保修政策',
    code: '代码',
    name: '名称',
    durationMonths: '保修月数',
    durationHelp: '自发票日期起算，1–240 个月',
    coversParts: '免费更换零件',
    coversLabour: '免费人工',
    active: '启用',
    activeHelp: '停用的政策不再用于新设备',
  },
  en: {
    title: 'Warranty policies',
    code: 'Code',
    name: 'Name',
    durationMonths: 'Months',
    durationHelp: 'From the invoice date, 1–240 months',
    coversParts: 'Parts free',
    coversLabour: 'Labour free',
    active: 'Active',
    activeHelp: 'A retired policy is not offered for new units',
  },
});

function toInput(v: WarrantyPolicyInput): WarrantyPolicyInput {
  return {
    code: required(v.code),
    name: required(v.name),
    durationMonths: v.durationMonths,
    coversParts: !!v.coversParts,
    coversLabour: !!v.coversLabour,
    active: !!v.active,
  };
}

const BLANK: WarrantyPolicyInput = { code: '', name: '', durationMonths: 12, coversParts: true, coversLabour: true, active: true };

export const warrantyPolicies = defineEntity({
  key: 'warranty-policies',
  messages,
  title: 'title',
  roles: ['SERVICE_MANAGER'],
  auditType: 'warranty_policy',
  auditId: (row: MdWarrantyPolicyFragment) => auditIdOf(row.id),
  rowKey: (row) => row.id,
  caption: (row) => `${row.code} · ${row.name}`,
  query: MdWarrantyPoliciesDocument,
  variables: (f, page) => ({ active: flag(f.active) ?? null, ...page }),
  page: (data) => connectionPage(data.warrantyPolicies),
  filters: [{ name: 'active', label: 'active', kind: 'bool' }],
  columns: [
    { key: 'code', title: 'code', render: (row) => row.code },
    { key: 'name', title: 'name', render: (row) => row.name },
    { key: 'months', title: 'durationMonths', render: (row) => row.durationMonths },
    { key: 'parts', title: 'coversParts', render: (row, locale) => yesNo(row.coversParts, locale) },
    { key: 'labour', title: 'coversLabour', render: (row, locale) => yesNo(row.coversLabour, locale) },
    { key: 'active', title: 'active', render: (row, locale) => yesNo(row.active, locale) },
  ],
  fields: [
    { name: 'code', label: 'code', kind: 'text', max: 32, required: true },
    { name: 'name', label: 'name', kind: 'text', max: 200, required: true },
    { name: 'durationMonths', label: 'durationMonths', kind: 'int', min: 1, max: 240, required: true, help: 'durationHelp' },
    { name: 'coversParts', label: 'coversParts', kind: 'bool' },
    { name: 'coversLabour', label: 'coversLabour', kind: 'bool' },
    { name: 'active', label: 'active', kind: 'bool', help: 'activeHelp' },
  ],
  blank: BLANK,
  toValues: (row) => ({
    code: row.code,
    name: row.name,
    durationMonths: row.durationMonths,
    coversParts: row.coversParts,
    coversLabour: row.coversLabour,
    active: row.active,
  }),
  create: (client, v) => client.mutation(MdCreateWarrantyPolicyDocument, { input: toInput(v) }).toPromise(),
  update: (client, row, _version, v) =>
    client.mutation(MdUpdateWarrantyPolicyDocument, { input: { id: row.id, policy: toInput(v) } }).toPromise(),
});
