// Product models (产品型号): default warranty months, sale price, policy.
import { defineMessages } from '../../../../app/i18n';
import {
  MdCreateProductModelDocument,
  MdProductModelsDocument,
  MdUpdateProductModelDocument,
  type MdProductModelFragment,
  type ProductModelInput,
} from '../../../../gql/graphql';
import { auditIdOf } from '../scaffold/audit';
import { defineEntity } from '../scaffold/define';
import { connectionPage } from '../scaffold/paging';
import { money } from '../scaffold/render';
import { required } from '../scaffold/values';

const messages = defineMessages({
  zh: {
    title: '产品型号',
    code: '型号',
    codeHelp: '唯一，如 XCT25',
    name: '名称',
    category: '类别',
    categoryHelp: '自由填写，如 起重机',
    defaultWarrantyMonths: '默认保修月数',
    defaultWarrantyHelp: '型号没有指定保修政策时适用',
    salePrice: '销售价格（元）',
    salePriceHelp: '用于计算售后费用占销售额比例',
    warrantyPolicy: '保修政策',
    warrantyPolicyHelp: '不选则按默认保修月数',
    search: '按名称查找',
    months: '{count} 个月',
    noPolicy: '按默认月数',
  },
  en: {
    title: 'Product models',
    code: 'Model code',
    codeHelp: 'Unique, e.g. XCT25',
    name: 'Name',
    category: 'Category',
    categoryHelp: 'Free text, e.g. crane',
    defaultWarrantyMonths: 'Default warranty (months)',
    defaultWarrantyHelp: 'Applies when the model has no warranty policy',
    salePrice: 'Sale price (CNY)',
    salePriceHelp: 'For the after-sales cost-to-sales ratio',
    warrantyPolicy: 'Warranty policy',
    warrantyPolicyHelp: 'None: the default months apply',
    search: 'Search by name',
    months: '{count} months',
    noPolicy: 'Default months',
  },
});

function toInput(v: ProductModelInput): ProductModelInput {
  return {
    code: required(v.code),
    name: required(v.name),
    category: required(v.category),
    defaultWarrantyMonths: v.defaultWarrantyMonths,
    salePrice: required(v.salePrice),
    warrantyPolicyId: v.warrantyPolicyId ?? null,
  };
}

export const productModels = defineEntity({
  key: 'product-models',
  messages,
  title: 'title',
  roles: ['SERVICE_MANAGER'],
  auditType: 'product_model',
  auditId: (row: MdProductModelFragment) => auditIdOf(row.id),
  rowKey: (row) => row.id,
  caption: (row) => `${row.code} · ${row.name}`,
  query: MdProductModelsDocument,
  variables: (f, page) => ({ filter: { search: f.search ?? null, category: f.category ?? null }, ...page }),
  page: (data) => connectionPage(data.productModels),
  filters: [
    { name: 'search', label: 'search', kind: 'search' },
    { name: 'category', label: 'category', kind: 'search' },
  ],
  columns: [
    { key: 'code', title: 'code', render: (row) => row.code },
    { key: 'name', title: 'name', render: (row) => row.name },
    { key: 'category', title: 'category', render: (row) => row.category },
    {
      key: 'months',
      title: 'defaultWarrantyMonths',
      render: (row, locale) => messages[locale].months.replace('{count}', String(row.defaultWarrantyMonths)),
    },
    { key: 'price', title: 'salePrice', render: (row) => money(row.salePrice) },
    {
      key: 'policy',
      title: 'warrantyPolicy',
      render: (row, locale) => (row.warrantyPolicy ? `${row.warrantyPolicy.code} · ${row.warrantyPolicy.name}` : messages[locale].noPolicy),
      desk: true,
    },
  ],
  fields: [
    { name: 'code', label: 'code', kind: 'text', max: 32, required: true, help: 'codeHelp' },
    { name: 'name', label: 'name', kind: 'text', max: 200, required: true },
    { name: 'category', label: 'category', kind: 'text', max: 64, required: true, help: 'categoryHelp' },
    { name: 'defaultWarrantyMonths', label: 'defaultWarrantyMonths', kind: 'int', min: 0, max: 240, required: true, help: 'defaultWarrantyHelp' },
    { name: 'salePrice', label: 'salePrice', kind: 'decimal', required: true, help: 'salePriceHelp' },
    {
      name: 'warrantyPolicyId',
      label: 'warrantyPolicy',
      kind: 'ref',
      ref: 'warrantyPolicy',
      help: 'warrantyPolicyHelp',
      current: (row) => (row.warrantyPolicy ? { value: row.warrantyPolicy.id, label: `${row.warrantyPolicy.code} · ${row.warrantyPolicy.name}` } : null),
    },
  ],
  blank: { code: '', name: '', category: '', defaultWarrantyMonths: 12, salePrice: '', warrantyPolicyId: null },
  toValues: (row) => ({
    code: row.code,
    name: row.name,
    category: row.category,
    defaultWarrantyMonths: row.defaultWarrantyMonths,
    salePrice: row.salePrice,
    warrantyPolicyId: row.warrantyPolicy?.id ?? null,
  }),
  version: (row) => row.version,
  create: (client, v) => client.mutation(MdCreateProductModelDocument, { input: toInput(v) }).toPromise(),
  update: (client, row, version, v) =>
    client
      .mutation(MdUpdateProductModelDocument, { input: { id: row.id, version: version ?? row.version, model: toInput(v) } })
      .toPromise(),
});
