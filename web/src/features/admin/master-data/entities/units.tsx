// Units (设备) by serial number: model, dates, owner, selling dealer, policy.
import { defineMessages } from '../../../../app/i18n';
import {
  MdRegisterUnitDocument,
  MdUnitsDocument,
  MdUpdateUnitDocument,
  type MdUnitFragment,
  type UnitInput,
} from '../../../../gql/graphql';
import { auditIdOf } from '../scaffold/audit';
import { defineEntity } from '../scaffold/define';
import { connectionPage } from '../scaffold/paging';
import { text } from '../scaffold/render';
import { required } from '../scaffold/values';

const messages = defineMessages({
  zh: {
    title: '设备',
    serialNumber: '设备编号',
    serialHelp: '序列号，唯一',
    model: '产品型号',
    productionDate: '生产日期',
    invoiceDate: '发票日期',
    invoiceHelp: '保修期自此日起算；未售出时留空',
    customer: '客户',
    dealer: '销售代理商',
    dealerHelp: '直销留空',
    warrantyPolicy: '保修政策',
    warrantyPolicyHelp: '留空则按型号的保修政策',
    serialPrefix: '按设备编号开头查找',
    direct: '直销',
    modelMonths: '型号默认月数',
    policyNote: '列表中的保修政策为实际适用的政策（设备自身的，否则为型号的）。',
  },
  en: {
    title: 'Units',
    serialNumber: 'Serial number',
    serialHelp: 'Unique',
    model: 'Product model',
    productionDate: 'Production date',
    invoiceDate: 'Invoice date',
    invoiceHelp: 'The warranty runs from this day; leave empty while unsold',
    customer: 'Customer',
    dealer: 'Selling dealer',
    dealerHelp: 'Empty when sold directly',
    warrantyPolicy: 'Warranty policy',
    warrantyPolicyHelp: 'Empty: the model’s policy applies',
    serialPrefix: 'Serial number starts with',
    direct: 'Direct sale',
    modelMonths: 'Model’s default months',
    policyNote: 'The policy listed is the one that applies: the unit’s own, else its model’s.',
  },
});

function toInput(v: UnitInput): UnitInput {
  return {
    serialNumber: required(v.serialNumber),
    productModelId: v.productModelId,
    productionDate: v.productionDate,
    invoiceDate: v.invoiceDate ?? null,
    customerId: v.customerId ?? null,
    dealerId: v.dealerId ?? null,
    warrantyPolicyId: v.warrantyPolicyId ?? null,
  };
}

const named = (r: { id: string; code?: string; name: string } | null | undefined) =>
  r ? { value: r.id, label: r.code ? `${r.code} · ${r.name}` : r.name } : null;

function ownPolicy(row: MdUnitFragment): string | null {
  const applies = row.warrantyPolicy?.id ?? null;
  return applies !== (row.model?.warrantyPolicy?.id ?? null) ? applies : null;
}

export const units = defineEntity({
  key: 'units',
  messages,
  title: 'title',
  roles: ['AGENT', 'SERVICE_MANAGER'],
  auditType: 'unit',
  auditId: (row: MdUnitFragment) => auditIdOf(row.id),
  rowKey: (row) => row.id,
  caption: (row) => row.serialNumber,
  note: 'policyNote',
  query: MdUnitsDocument,
  variables: (f, page) => ({
    filter: {
      serialPrefix: f.serial ?? null,
      productModelId: f.model ?? null,
      customerId: f.customer ?? null,
      dealerId: f.dealer ?? null,
    },
    ...page,
  }),
  page: (data) => connectionPage(data.units),
  filters: [
    { name: 'serial', label: 'serialPrefix', kind: 'search' },
    { name: 'model', label: 'model', kind: 'ref', ref: 'productModel' },
    { name: 'customer', label: 'customer', kind: 'ref', ref: 'customer' },
    { name: 'dealer', label: 'dealer', kind: 'ref', ref: 'dealer' },
  ],
  columns: [
    { key: 'serial', title: 'serialNumber', render: (row) => row.serialNumber },
    { key: 'model', title: 'model', render: (row) => text(row.model?.code) },
    { key: 'produced', title: 'productionDate', render: (row) => row.productionDate, desk: true },
    { key: 'invoice', title: 'invoiceDate', render: (row) => text(row.invoiceDate) },
    { key: 'customer', title: 'customer', render: (row) => text(row.customer?.name) },
    { key: 'dealer', title: 'dealer', render: (row, locale) => row.dealer?.name ?? messages[locale].direct, desk: true },
    {
      key: 'policy',
      title: 'warrantyPolicy',
      render: (row, locale) => row.warrantyPolicy?.name ?? messages[locale].modelMonths,
      desk: true,
    },
  ],
  fields: [
    { name: 'serialNumber', label: 'serialNumber', kind: 'text', max: 64, required: true, help: 'serialHelp' },
    { name: 'productModelId', label: 'model', kind: 'ref', ref: 'productModel', required: true, current: (row) => named(row.model) },
    { name: 'productionDate', label: 'productionDate', kind: 'date', required: true },
    { name: 'invoiceDate', label: 'invoiceDate', kind: 'date', help: 'invoiceHelp' },
    { name: 'customerId', label: 'customer', kind: 'ref', ref: 'customer', current: (row) => named(row.customer) },
    { name: 'dealerId', label: 'dealer', kind: 'ref', ref: 'dealer', help: 'dealerHelp', current: (row) => named(row.dealer) },
    {
      name: 'warrantyPolicyId',
      label: 'warrantyPolicy',
      kind: 'ref',
      ref: 'warrantyPolicy',
      help: 'warrantyPolicyHelp',
      current: (row) => named(row.warrantyPolicy),
    },
  ],
  blank: { serialNumber: '', productModelId: '', productionDate: '', invoiceDate: null, customerId: null, dealerId: null, warrantyPolicyId: null },
  // The API reads back the policy that applies, not the unit's own: a policy
  // other than the model's can only be the unit's own, so the form keeps it.
  toValues: (row) => ({
    serialNumber: row.serialNumber,
    productModelId: row.model?.id ?? '',
    productionDate: row.productionDate,
    invoiceDate: row.invoiceDate ?? null,
    customerId: row.customer?.id ?? null,
    dealerId: row.dealer?.id ?? null,
    warrantyPolicyId: ownPolicy(row),
  }),
  version: (row) => row.version,
  create: (client, v) => client.mutation(MdRegisterUnitDocument, { input: toInput(v) }).toPromise(),
  update: (client, row, version, v) =>
    client.mutation(MdUpdateUnitDocument, { input: { id: row.id, version: version ?? row.version, unit: toInput(v) } }).toPromise(),
});
