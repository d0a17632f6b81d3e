// Holidays and make-up working days (调休) of a year: the working-day
// calendar that deadlines count by. A day is declared or withdrawn.
import { Tag } from 'antd';
import { defineMessages } from '../../../../app/i18n';
import {
  MdDeclareHolidayDocument,
  MdHolidaysDocument,
  MdRemoveHolidayDocument,
  type HolidayInput,
  type MdHolidaysQuery,
} from '../../../../gql/graphql';
import { auditIdOf } from '../scaffold/audit';
import { defineEntity } from '../scaffold/define';
import { required, yearRange } from '../scaffold/values';

const messages = defineMessages({
  zh: {
    title: '节假日',
    day: '日期',
    name: '名称',
    nameHelp: '如 春节',
    workingDay: '调休上班',
    workingDayHelp: '周末调为工作日时打开',
    kind: '类型',
    holiday: '放假',
    workday: '调休上班',
    year: '年份',
  },
  en: {
    title: 'Holidays',
    day: 'Day',
    name: 'Name',
    nameHelp: 'E.g. Spring Festival',
    workingDay: 'Make-up working day',
    workingDayHelp: 'On for a weekend day declared a working day',
    kind: 'Kind',
    holiday: 'Holiday',
    workday: 'Working day',
    year: 'Year',
  },
});

type Row = MdHolidaysQuery['holidays'][number];

const BLANK: HolidayInput = { day: '', name: '', workingDay: false };

export const holidays = defineEntity({
  key: 'holidays',
  messages,
  title: 'title',
  roles: ['SERVICE_MANAGER'],
  auditType: 'holiday',
  auditId: (row: Row) => auditIdOf(row.id),
  rowKey: (row) => row.id,
  caption: (row) => `${row.day} ${row.name}`,
  query: MdHolidaysDocument,
  variables: (f) => yearRange(f.year, new Date().getFullYear()),
  page: (data) => ({ rows: data.holidays }),
  filters: [{ name: 'year', label: 'year', kind: 'year' }],
  columns: [
    { key: 'day', title: 'day', render: (row) => row.day },
    { key: 'name', title: 'name', render: (row) => row.name },
    {
      key: 'kind',
      title: 'kind',
      render: (row, locale) =>
        row.workingDay ? <Tag color="orange">{messages[locale].workday}</Tag> : <Tag color="green">{messages[locale].holiday}</Tag>,
    },
  ],
  fields: [
    { name: 'day', label: 'day', kind: 'date', required: true },
    { name: 'name', label: 'name', kind: 'text', max: 64, required: true, help: 'nameHelp' },
    { name: 'workingDay', label: 'workingDay', kind: 'bool', help: 'workingDayHelp' },
  ],
  blank: BLANK,
  create: (client, v) =>
    client
      .mutation(MdDeclareHolidayDocument, { input: { day: v.day, name: required(v.name), workingDay: !!v.workingDay } })
      .toPromise(),
  remove: (client, row) => client.mutation(MdRemoveHolidayDocument, { input: { id: row.id } }).toPromise(),
});
