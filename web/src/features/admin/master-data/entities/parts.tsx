// Parts (物料): price, weight, category, critical / imported / valuable.
import { defineMessages } from '../../../../app/i18n';
import type { PartCategory } from '../../../../gql/enums';
import {
  MdCreatePartDocument,
  MdPartsDocument,
  MdUpdatePartDocument,
  type MdPartFragment,
  type PartInput,
} from '../../../../gql/graphql';
import { auditIdOf } from '../scaffold/audit';
import { defineEntity } from '../scaffold/define';
import { connectionPage } from '../scaffold/paging';
import { money, word, yesNo } from '../scaffold/render';
import type { Words } from '../scaffold/types';
import { flag, required } from '../scaffold/values';

export const PART_CATEGORY: Words<PartCategory> = {
  ELECTRICAL: ['电器件', 'Electrical'],
  CHASSIS: ['底盘件', 'Chassis'],
  STRUCTURAL: ['结构件', 'Structural'],
  HYDRAULIC: ['液压件', 'Hydraulic'],
  OTHER: ['其他', 'Other'],
};

const messages = defineMessages({
  zh: {
    title: '物料',
    partNumber: '物料编码',
    name: '名称',
    unitPrice: '单价（元）',
    unitPriceHelp: '报价和旧件价值使用的标准价',
    weightKg: '重量（公斤）',
    weightHelp: '旧件按废料价就地处理时使用',
    category: '类别',
    critical: '关重件',
    criticalHelp: '责任判定需供应商分析',
    imported: '进口件',
    valuableLimit: '贵重件限领数量',
    valuableHelp: '填写即为贵重件：每张领料单最多可领的数量（1–1000）',
    search: '名称或编码开头',
  },
  en: {
    title: 'Parts',
    partNumber: 'Part number',
    name: 'Name',
    unitPrice: 'Unit price (CNY)',
    unitPriceHelp: 'Standard price for quotes and old-part values',
    weightKg: 'Weight (kg)',
    weightHelp: 'For local sale at scrap-metal price',
    category: 'Category',
    critical: 'Critical',
    criticalHelp: 'Responsibility needs supplier analysis',
    imported: 'Imported',
    valuableLimit: 'Valuable: limit per requisition',
    valuableHelp: 'Set for a valuable part: the most one requisition may take (1–1000)',
    search: 'Name or start of part number',
  },
});

function toInput(v: PartInput): PartInput {
  return {
    partNumber: required(v.partNumber),
    name: required(v.name),
    unitPrice: required(v.unitPrice),
    weightKg: required(v.weightKg),
    category: v.category,
    critical: !!v.critical,
    imported: !!v.imported,
    valuableLimit: v.valuableLimit ?? null,
  };
}

export const parts = defineEntity({
  key: 'parts',
  messages,
  title: 'title',
  roles: ['WAREHOUSE', 'SERVICE_MANAGER'],
  auditType: 'part',
  auditId: (row: MdPartFragment) => auditIdOf(row.id),
  rowKey: (row) => row.id,
  caption: (row) => `${row.partNumber} · ${row.name}`,
  query: MdPartsDocument,
  variables: (f, page) => ({
    filter: {
      search: f.search ?? null,
      category: (f.category as PartCategory | undefined) ?? null,
      critical: flag(f.critical) ?? null,
    },
    ...page,
  }),
  page: (data) => connectionPage(data.parts),
  filters: [
    { name: 'search', label: 'search', kind: 'search' },
    { name: 'category', label: 'category', kind: 'enum', words: PART_CATEGORY },
    { name: 'critical', label: 'critical', kind: 'bool' },
  ],
  columns: [
    { key: 'number', title: 'partNumber', render: (row) => row.partNumber },
    { key: 'name', title: 'name', render: (row) => row.name },
    { key: 'category', title: 'category', render: (row, locale) => word(PART_CATEGORY, row.category, locale) },
    { key: 'price', title: 'unitPrice', render: (row) => money(row.unitPrice) },
    { key: 'weight', title: 'weightKg', render: (row) => row.weightKg, desk: true },
    { key: 'critical', title: 'critical', render: (row, locale) => yesNo(row.critical, locale), desk: true },
    { key: 'imported', title: 'imported', render: (row, locale) => yesNo(row.imported, locale), desk: true },
    { key: 'valuable', title: 'valuableLimit', render: (row) => row.valuableLimit ?? '—', desk: true },
  ],
  fields: [
    { name: 'partNumber', label: 'partNumber', kind: 'text', max: 64, required: true },
    { name: 'name', label: 'name', kind: 'text', max: 200, required: true },
    { name: 'category', label: 'category', kind: 'enum', words: PART_CATEGORY, required: true },
    { name: 'unitPrice', label: 'unitPrice', kind: 'decimal', required: true, help: 'unitPriceHelp' },
    { name: 'weightKg', label: 'weightKg', kind: 'decimal', required: true, help: 'weightHelp' },
    { name: 'critical', label: 'critical', kind: 'bool', help: 'criticalHelp' },
    { name: 'imported', label: 'imported', kind: 'bool' },
    { name: 'valuableLimit', label: 'valuableLimit', kind: 'int', min: 1, max: 1000, help: 'valuableHelp' },
  ],
  blank: { partNumber: '', name: '', unitPrice: '', weightKg: '', category: 'OTHER', critical: false, imported: false, valuableLimit: null },
  toValues: (row) => ({
    partNumber: row.partNumber,
    name: row.name,
    unitPrice: row.unitPrice,
    weightKg: row.weightKg,
    category: row.category,
    critical: row.critical,
    imported: row.imported,
    valuableLimit: row.valuableLimit ?? null,
  }),
  version: (row) => row.version,
  create: (client, v) => client.mutation(MdCreatePartDocument, { input: toInput(v) }).toPromise(),
  update: (client, row, version, v) =>
    client.mutation(MdUpdatePartDocument, { input: { id: row.id, version: version ?? row.version, part: toInput(v) } }).toPromise(),
});
