// The failure-cause catalogue (故障原因): repair records name a cause by its
// code and the recurrence report counts them. Saving a code updates it.
import type { Client } from 'urql';
import { defineMessages } from '../../../../app/i18n';
import { FAULT_CATEGORY } from '../../../../components/labels';
import type { FaultCategory } from '../../../../gql/enums';
import { MdFaultCausesDocument, MdSaveFaultCauseDocument, type FaultCauseInput, type MdFaultCausesQuery } from '../../../../gql/graphql';
import { defineEntity } from '../scaffold/define';
import { word, yesNo } from '../scaffold/render';
import { flag, required } from '../scaffold/values';

const messages = defineMessages({
  zh: {
    title: '故障原因',
    code: '代码',
    codeHelp: '如 HY-SEAL-AGING，保存后为大写；维修记录引用此代码',
    name: '原因描述',
    faultCategory: '故障类别',
    active: '启用',
    activeHelp: '停用的原因保留在历史中，但新的维修记录不能再选',
  },
  en: {
    title: 'Failure causes',
    code: 'Code',
    codeHelp: 'E.g. HY-SEAL-AGING, kept in capitals; repair records cite it',
    name: 'Cause',
    faultCategory: 'Fault category',
    active: 'Active',
    activeHelp: 'A retired cause stays in history but new repairs cannot cite it',
  },
});

type Row = MdFaultCausesQuery['faultCauses'][number];

const BLANK: FaultCauseInput = { code: '', name: '', faultCategory: 'OTHER', active: true };

function save(client: Client, v: FaultCauseInput) {
  return client
    .mutation(MdSaveFaultCauseDocument, {
      input: { code: required(v.code), name: required(v.name), faultCategory: v.faultCategory, active: !!v.active },
    })
    .toPromise();
}

export const faultCauses = defineEntity({
  key: 'fault-causes',
  messages,
  title: 'title',
  roles: ['SERVICE_MANAGER', 'QUALITY'],
  auditType: 'fault_cause',
  // A cause is known by its code; the audit log's id of it is not in the API.
  auditId: () => null,
  rowKey: (row: Row) => row.code,
  caption: (row) => `${row.code} · ${row.name}`,
  query: MdFaultCausesDocument,
  variables: (f) => ({ category: (f.category as FaultCategory | undefined) ?? null, active: flag(f.active) ?? null }),
  page: (data) => ({ rows: data.faultCauses }),
  filters: [
    { name: 'category', label: 'faultCategory', kind: 'enum', words: FAULT_CATEGORY },
    { name: 'active', label: 'active', kind: 'bool' },
  ],
  columns: [
    { key: 'code', title: 'code', render: (row) => row.code },
    { key: 'name', title: 'name', render: (row) => row.name },
    { key: 'category', title: 'faultCategory', render: (row, locale) => word(FAULT_CATEGORY, row.faultCategory, locale) },
    { key: 'active', title: 'active', render: (row, locale) => yesNo(row.active, locale) },
  ],
  fields: [
    { name: 'code', label: 'code', kind: 'text', max: 32, required: true, help: 'codeHelp', fixedOnEdit: true },
    { name: 'name', label: 'name', kind: 'text', max: 128, required: true },
    { name: 'faultCategory', label: 'faultCategory', kind: 'enum', words: FAULT_CATEGORY, required: true },
    { name: 'active', label: 'active', kind: 'bool', help: 'activeHelp' },
  ],
  blank: BLANK,
  toValues: (row) => ({ code: row.code, name: row.name, faultCategory: row.faultCategory, active: row.active }),
  create: save,
  update: (client, _row, _version, v) => save(client, v),
});
