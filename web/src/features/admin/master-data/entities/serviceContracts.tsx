// Service contracts (服务合同): extended cover of one unit, with its dates and price.
import { useQuery } from 'urql';
import { defineMessages } from '../../../../app/i18n';
import {
  MdCreateServiceContractDocument,
  MdServiceContractsDocument,
  MdUnitSerialDocument,
  MdUpdateServiceContractDocument,
  type MdServiceContractFragment,
  type ServiceContractInput,
} from '../../../../gql/graphql';
import { auditIdOf } from '../scaffold/audit';
import { defineEntity } from '../scaffold/define';
import { connectionPage } from '../scaffold/paging';
import { money } from '../scaffold/render';
import { required } from '../scaffold/values';

const messages = defineMessages({
  zh: {
    title: '服务合同',
    contractNumber: '合同编号',
    unit: '设备',
    unitHelp: '输入设备编号开头查找',
    startsOn: '起始日',
    endsOn: '截止日',
    endsHelp: '不得早于起始日',
    price: '合同金额（元）',
    byUnit: '按设备筛选',
  },
  en: {
    title: 'Service contracts',
    contractNumber: 'Contract number',
    unit: 'Unit',
    unitHelp: 'Type the start of the serial number',
    startsOn: 'First day',
    endsOn: 'Last day',
    endsHelp: 'Not before the first day',
    price: 'Price (CNY)',
    byUnit: 'Filter by unit',
  },
});

/** A contract names only its unit's id; the serial number is looked up (once per unit, cached). */
function UnitSerial({ id }: { id: string }) {
  const [{ data }] = useQuery({ query: MdUnitSerialDocument, variables: { id } });
  return <>{data?.unit.serialNumber ?? '…'}</>;
}

function toInput(v: ServiceContractInput): ServiceContractInput {
  return {
    contractNumber: required(v.contractNumber),
    unitId: v.unitId,
    startsOn: v.startsOn,
    endsOn: v.endsOn,
    price: required(v.price),
  };
}

const BLANK: ServiceContractInput = { contractNumber: '', unitId: '', startsOn: '', endsOn: '', price: '' };

export const serviceContracts = defineEntity({
  key: 'service-contracts',
  messages,
  title: 'title',
  roles: ['SERVICE_MANAGER'],
  auditType: 'service_contract',
  auditId: (row: MdServiceContractFragment) => auditIdOf(row.id),
  rowKey: (row) => row.id,
  caption: (row) => row.contractNumber,
  query: MdServiceContractsDocument,
  variables: (f, page) => ({ unitId: f.unit ?? null, ...page }),
  page: (data) => connectionPage(data.serviceContracts),
  filters: [{ name: 'unit', label: 'byUnit', kind: 'ref', ref: 'unit' }],
  columns: [
    { key: 'number', title: 'contractNumber', render: (row) => row.contractNumber },
    { key: 'unit', title: 'unit', render: (row) => <UnitSerial id={row.unitId} /> },
    { key: 'starts', title: 'startsOn', render: (row) => row.startsOn },
    { key: 'ends', title: 'endsOn', render: (row) => row.endsOn },
    { key: 'price', title: 'price', render: (row) => money(row.price) },
  ],
  fields: [
    { name: 'contractNumber', label: 'contractNumber', kind: 'text', max: 32, required: true },
    { name: 'unitId', label: 'unit', kind: 'ref', ref: 'unit', required: true, help: 'unitHelp' },
    { name: 'startsOn', label: 'startsOn', kind: 'date', required: true },
    { name: 'endsOn', label: 'endsOn', kind: 'date', required: true, help: 'endsHelp' },
    { name: 'price', label: 'price', kind: 'decimal', required: true },
  ],
  blank: BLANK,
  toValues: (row) => ({
    contractNumber: row.contractNumber,
    unitId: row.unitId,
    startsOn: row.startsOn,
    endsOn: row.endsOn,
    price: row.price,
  }),
  create: (client, v) => client.mutation(MdCreateServiceContractDocument, { input: toInput(v) }).toPromise(),
  update: (client, row, _version, v) =>
    client.mutation(MdUpdateServiceContractDocument, { input: { id: row.id, contract: toInput(v) } }).toPromise(),
});
