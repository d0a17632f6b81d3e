// Service tariffs (收费标准): each applies from its date until the next; a
// new one is recorded, an old one never changed.
import { defineMessages } from '../../../../app/i18n';
import { MdServiceTariffsDocument, MdSetServiceTariffDocument, type ServiceTariffInput } from '../../../../gql/graphql';
import { defineEntity } from '../scaffold/define';
import { money } from '../scaffold/render';
import { required } from '../scaffold/values';

const messages = defineMessages({
  zh: {
    title: '收费标准',
    labourRate: '工时费（元/小时）',
    travelRatePerKm: '差旅费（元/公里）',
    travelHelp: '报价按往返里程计算',
    effectiveFrom: '生效日期',
    effectiveHelp: '自该日起适用，直到下一个收费标准生效',
    note: '收费标准按生效日期依次适用。已有的标准不能修改：如需调整，请新增一个自某日起生效的标准。',
  },
  en: {
    title: 'Tariffs',
    labourRate: 'Labour (CNY per hour)',
    travelRatePerKm: 'Travel (CNY per km)',
    travelHelp: 'Quotes count the distance there and back',
    effectiveFrom: 'Effective from',
    effectiveHelp: 'Applies from this day until the next tariff',
    note: 'Tariffs apply by their effective date. A recorded tariff is not changed: to adjust, add one effective from a later day.',
  },
});

interface Row {
  labourRate: string;
  travelRatePerKm: string;
  effectiveFrom: string;
}

const BLANK: ServiceTariffInput = { labourRate: '', travelRatePerKm: '', effectiveFrom: '' };

export const tariffs = defineEntity({
  key: 'tariffs',
  messages,
  title: 'title',
  roles: ['SERVICE_MANAGER', 'FINANCE'],
  auditType: 'service_tariff',
  // A tariff has no id in the API: its link shows every tariff's history.
  auditId: () => null,
  rowKey: (row: Row) => row.effectiveFrom,
  caption: (row) => row.effectiveFrom,
  note: 'note',
  query: MdServiceTariffsDocument,
  variables: () => ({}),
  page: (data) => ({ rows: data.serviceTariffs }),
  filters: [],
  columns: [
    { key: 'from', title: 'effectiveFrom', render: (row) => row.effectiveFrom },
    { key: 'labour', title: 'labourRate', render: (row) => money(row.labourRate) },
    { key: 'travel', title: 'travelRatePerKm', render: (row) => money(row.travelRatePerKm) },
  ],
  fields: [
    { name: 'effectiveFrom', label: 'effectiveFrom', kind: 'date', required: true, help: 'effectiveHelp' },
    { name: 'labourRate', label: 'labourRate', kind: 'decimal', required: true },
    { name: 'travelRatePerKm', label: 'travelRatePerKm', kind: 'decimal', required: true, help: 'travelHelp' },
  ],
  blank: BLANK,
  create: (client, v) =>
    client
      .mutation(MdSetServiceTariffDocument, {
        input: { labourRate: required(v.labourRate), travelRatePerKm: required(v.travelRatePerKm), effectiveFrom: v.effectiveFrom },
      })
      .toPromise(),
});
