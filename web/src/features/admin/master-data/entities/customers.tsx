// Customers (客户): the service desk records them too.
import { defineMessages } from '../../../../app/i18n';
import {
  MdCreateCustomerDocument,
  MdCustomersDocument,
  MdUpdateCustomerDocument,
  type CustomerInput,
  type MdCustomerFragment,
} from '../../../../gql/graphql';
import { auditIdOf } from '../scaffold/audit';
import { defineEntity } from '../scaffold/define';
import { text, yesNo } from '../scaffold/render';
import { connectionPage } from '../scaffold/paging';
import { optional, required } from '../scaffold/values';

const messages = defineMessages({
  zh: {
    title: '客户',
    name: '客户名称',
    contactName: '联系人',
    phone: '电话',
    phoneHelp: '手机 1xxxxxxxxxx、座机 0xx-xxxxxxxx 或 +国际号码',
    email: '邮箱',
    address: '地址',
    province: '省份',
    distanceKm: '距服务中心（公里）',
    distanceHelp: '0–10000 公里，决定到场时限',
    keyCustomer: '重点客户',
    search: '按名称查找',
  },
  en: {
    title: 'Customers',
    name: 'Customer name',
    contactName: 'Contact person',
    phone: 'Phone',
    phoneHelp: 'Mobile 1xxxxxxxxxx, landline 0xx-xxxxxxxx or +international',
    email: 'Email',
    address: 'Address',
    province: 'Province',
    distanceKm: 'Distance to service centre (km)',
    distanceHelp: '0–10000 km; sets the on-site deadline',
    keyCustomer: 'Key customer',
    search: 'Search by name',
  },
});

function toInput(v: CustomerInput): CustomerInput {
  return {
    name: required(v.name),
    contactName: optional(v.contactName),
    phone: optional(v.phone),
    email: optional(v.email),
    address: optional(v.address),
    province: required(v.province),
    distanceKm: v.distanceKm,
    keyCustomer: !!v.keyCustomer,
  };
}

const BLANK: CustomerInput = {
  name: '',
  contactName: null,
  phone: null,
  email: null,
  address: null,
  province: '',
  distanceKm: 0,
  keyCustomer: false,
};

export const customers = defineEntity({
  key: 'customers',
  messages,
  title: 'title',
  roles: ['AGENT', 'SERVICE_MANAGER'],
  auditType: 'customer',
  auditId: (row: MdCustomerFragment) => auditIdOf(row.id),
  rowKey: (row) => row.id,
  caption: (row) => row.name,
  query: MdCustomersDocument,
  variables: (f, page) => ({
    filter: { search: f.search ?? null, province: f.province ?? null },
    ...page,
  }),
  page: (data) => connectionPage(data.customers),
  filters: [
    { name: 'search', label: 'search', kind: 'search' },
    { name: 'province', label: 'province', kind: 'search' },
  ],
  columns: [
    { key: 'name', title: 'name', render: (row) => row.name },
    { key: 'contact', title: 'contactName', render: (row) => text(row.contactName) },
    { key: 'phone', title: 'phone', render: (row) => text(row.phone) },
    { key: 'province', title: 'province', render: (row) => row.province },
    { key: 'distance', title: 'distanceKm', render: (row) => row.distanceKm, desk: true },
    { key: 'key', title: 'keyCustomer', render: (row, locale) => yesNo(row.keyCustomer, locale) },
  ],
  fields: [
    { name: 'name', label: 'name', kind: 'text', max: 200, required: true },
    { name: 'contactName', label: 'contactName', kind: 'text', max: 100 },
    { name: 'phone', label: 'phone', kind: 'text', max: 32, help: 'phoneHelp' },
    { name: 'email', label: 'email', kind: 'text', max: 254 },
    { name: 'address', label: 'address', kind: 'text', max: 500, multiline: true },
    { name: 'province', label: 'province', kind: 'text', max: 32, required: true },
    { name: 'distanceKm', label: 'distanceKm', kind: 'int', min: 0, max: 10000, required: true, help: 'distanceHelp' },
    { name: 'keyCustomer', label: 'keyCustomer', kind: 'bool' },
  ],
  blank: BLANK,
  toValues: (row) => ({
    name: row.name,
    contactName: row.contactName,
    phone: row.phone,
    email: row.email,
    address: row.address,
    province: row.province,
    distanceKm: row.distanceKm,
    keyCustomer: row.keyCustomer,
  }),
  version: (row) => row.version,
  create: (client, v) => client.mutation(MdCreateCustomerDocument, { input: toInput(v) }).toPromise(),
  update: (client, row, version, v) =>
    client.mutation(MdUpdateCustomerDocument, { input: { id: row.id, version: version ?? row.version, customer: toInput(v) } }).toPromise(),
});
