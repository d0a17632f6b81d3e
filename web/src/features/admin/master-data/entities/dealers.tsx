// Dealers (代理商): they sell units; their users see only their own.
import { defineMessages } from '../../../../app/i18n';
import {
  MdCreateDealerDocument,
  MdDealersDocument,
  MdUpdateDealerDocument,
  type DealerInput,
  type MdDealerFragment,
} from '../../../../gql/graphql';
import { auditIdOf } from '../scaffold/audit';
import { defineEntity } from '../scaffold/define';
import { connectionPage } from '../scaffold/paging';
import { text } from '../scaffold/render';
import { optional, required } from '../scaffold/values';

const messages = defineMessages({
  zh: {
    title: '代理商',
    code: '代码',
    codeHelp: '唯一的简码，导入和命令行使用',
    name: '名称',
    region: '省份',
    contactName: '联系人',
    phone: '电话',
    phoneHelp: '手机 1xxxxxxxxxx、座机 0xx-xxxxxxxx 或 +国际号码',
    email: '邮箱',
    search: '按名称查找',
  },
  en: {
    title: 'Dealers',
    code: 'Code',
    codeHelp: 'Short unique code, used by imports and the CLI',
    name: 'Name',
    region: 'Province',
    contactName: 'Contact person',
    phone: 'Phone',
    phoneHelp: 'Mobile 1xxxxxxxxxx, landline 0xx-xxxxxxxx or +international',
    email: 'Email',
    search: 'Search by name',
  },
});

function toInput(v: DealerInput): DealerInput {
  return {
    code: required(v.code),
    name: required(v.name),
    region: required(v.region),
    contactName: optional(v.contactName),
    phone: optional(v.phone),
    email: optional(v.email),
  };
}

const BLANK: DealerInput = { code: '', name: '', region: '', contactName: null, phone: null, email: null };

export const dealers = defineEntity({
  key: 'dealers',
  messages,
  title: 'title',
  roles: ['SERVICE_MANAGER'],
  auditType: 'dealer',
  auditId: (row: MdDealerFragment) => auditIdOf(row.id),
  rowKey: (row) => row.id,
  caption: (row) => row.name,
  query: MdDealersDocument,
  variables: (f, page) => ({ filter: { search: f.search ?? null, region: f.region ?? null }, ...page }),
  page: (data) => connectionPage(data.dealers),
  filters: [
    { name: 'search', label: 'search', kind: 'search' },
    { name: 'region', label: 'region', kind: 'search' },
  ],
  columns: [
    { key: 'code', title: 'code', render: (row) => row.code },
    { key: 'name', title: 'name', render: (row) => row.name },
    { key: 'region', title: 'region', render: (row) => row.region },
    { key: 'contact', title: 'contactName', render: (row) => text(row.contactName), desk: true },
    { key: 'phone', title: 'phone', render: (row) => text(row.phone) },
    { key: 'email', title: 'email', render: (row) => text(row.email), desk: true },
  ],
  fields: [
    { name: 'code', label: 'code', kind: 'text', max: 32, required: true, help: 'codeHelp' },
    { name: 'name', label: 'name', kind: 'text', max: 200, required: true },
    { name: 'region', label: 'region', kind: 'text', max: 32, required: true },
    { name: 'contactName', label: 'contactName', kind: 'text', max: 100 },
    { name: 'phone', label: 'phone', kind: 'text', max: 32, help: 'phoneHelp' },
    { name: 'email', label: 'email', kind: 'text', max: 254 },
  ],
  blank: BLANK,
  toValues: (row) => ({
    code: row.code,
    name: row.name,
    region: row.region,
    contactName: row.contactName,
    phone: row.phone,
    email: row.email,
  }),
  version: (row) => row.version,
  create: (client, v) => client.mutation(MdCreateDealerDocument, { input: toInput(v) }).toPromise(),
  update: (client, row, version, v) =>
    client.mutation(MdUpdateDealerDocument, { input: { id: row.id, version: version ?? row.version, dealer: toInput(v) } }).toPromise(),
});
