// Warehouses: the head office and the regional ones (驻外仓).
import { defineMessages } from '../../../../app/i18n';
import {
  MdCreateWarehouseDocument,
  MdUpdateWarehouseDocument,
  MdWarehousesDocument,
  type MdWarehouseFragment,
  type WarehouseInput,
} from '../../../../gql/graphql';
import { auditIdOf } from '../scaffold/audit';
import { defineEntity } from '../scaffold/define';
import { connectionPage } from '../scaffold/paging';
import { yesNo } from '../scaffold/render';
import { flag, required } from '../scaffold/values';

const messages = defineMessages({
  zh: {
    title: '仓库',
    code: '代码',
    name: '名称',
    region: '服务省份',
    headOffice: '总部仓库',
    headOfficeHelp: '否则为驻外仓',
  },
  en: {
    title: 'Warehouses',
    code: 'Code',
    name: 'Name',
    region: 'Province served',
    headOffice: 'Head office',
    headOfficeHelp: 'Otherwise a regional warehouse',
  },
});

function toInput(v: WarehouseInput): WarehouseInput {
  return { code: required(v.code), name: required(v.name), region: required(v.region), headOffice: !!v.headOffice };
}

export const warehouses = defineEntity({
  key: 'warehouses',
  messages,
  title: 'title',
  roles: ['WAREHOUSE', 'SERVICE_MANAGER'],
  auditType: 'warehouse',
  auditId: (row: MdWarehouseFragment) => auditIdOf(row.id),
  rowKey: (row) => row.id,
  caption: (row) => `${row.code} · ${row.name}`,
  query: MdWarehousesDocument,
  variables: (f, page) => ({ filter: { region: f.region ?? null, headOffice: flag(f.headOffice) ?? null }, ...page }),
  page: (data) => connectionPage(data.warehouses),
  filters: [
    { name: 'region', label: 'region', kind: 'search' },
    { name: 'headOffice', label: 'headOffice', kind: 'bool' },
  ],
  columns: [
    { key: 'code', title: 'code', render: (row) => row.code },
    { key: 'name', title: 'name', render: (row) => row.name },
    { key: 'region', title: 'region', render: (row) => row.region },
    { key: 'head', title: 'headOffice', render: (row, locale) => yesNo(row.headOffice, locale) },
  ],
  fields: [
    { name: 'code', label: 'code', kind: 'text', max: 32, required: true },
    { name: 'name', label: 'name', kind: 'text', max: 200, required: true },
    { name: 'region', label: 'region', kind: 'text', max: 32, required: true },
    { name: 'headOffice', label: 'headOffice', kind: 'bool', help: 'headOfficeHelp' },
  ],
  blank: { code: '', name: '', region: '', headOffice: false },
  toValues: (row) => ({ code: row.code, name: row.name, region: row.region, headOffice: row.headOffice }),
  create: (client, v) => client.mutation(MdCreateWarehouseDocument, { input: toInput(v) }).toPromise(),
  update: (client, row, _version, v) =>
    client.mutation(MdUpdateWarehouseDocument, { input: { id: row.id, warehouse: toInput(v) } }).toPromise(),
});
