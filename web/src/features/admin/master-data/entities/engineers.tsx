// Engineers (服务工程师): their home region, skills and duty. The accounts
// themselves are made under users; here only what dispatch reads.
import { Tag } from 'antd';
import { defineMessages } from '../../../../app/i18n';
import { FAULT_CATEGORY } from '../../../../components/labels';
import type { FaultCategory } from '../../../../gql/enums';
import { MdEngineersDocument, MdUpdateEngineerDocument, type MdEngineerFragment } from '../../../../gql/graphql';
import { auditIdOf } from '../scaffold/audit';
import { defineEntity } from '../scaffold/define';
import { connectionPage } from '../scaffold/paging';
import { text, word, yesNo } from '../scaffold/render';
import { flag, required } from '../scaffold/values';

const messages = defineMessages({
  zh: {
    title: '工程师与技能',
    displayName: '姓名',
    username: '用户名',
    phone: '电话',
    region: '常驻省份',
    skills: '技能（可维修的故障类别）',
    onDuty: '在岗',
    onDutyHelp: '不在岗（休假）的工程师派工时跳过',
    available: '可派工',
    skill: '技能',
    note: '工程师账户在“用户”中创建；这里设置派工使用的常驻省份、技能和在岗状态。',
  },
  en: {
    title: 'Engineers & skills',
    displayName: 'Name',
    username: 'User name',
    phone: 'Phone',
    region: 'Home province',
    skills: 'Skills (fault categories they repair)',
    onDuty: 'On duty',
    onDutyHelp: 'Dispatch skips engineers off duty (on leave)',
    available: 'Available now',
    skill: 'Skill',
    note: 'Engineer accounts are made under Users; here you set the home province, skills and duty that dispatch reads.',
  },
});

interface Values {
  region: string;
  skills: FaultCategory[];
  onDuty: boolean;
}

export const engineers = defineEntity({
  key: 'engineers',
  messages,
  title: 'title',
  roles: ['SERVICE_MANAGER'],
  auditType: 'engineer',
  auditId: (row: MdEngineerFragment) => auditIdOf(row.id),
  rowKey: (row) => row.id,
  caption: (row) => row.displayName,
  note: 'note',
  query: MdEngineersDocument,
  variables: (f, page) => ({
    filter: {
      skill: (f.skill as FaultCategory | undefined) ?? null,
      region: f.region ?? null,
      available: flag(f.available) ?? null,
    },
    ...page,
  }),
  page: (data) => connectionPage(data.engineers),
  filters: [
    { name: 'region', label: 'region', kind: 'search' },
    { name: 'skill', label: 'skill', kind: 'enum', words: FAULT_CATEGORY },
    { name: 'available', label: 'available', kind: 'bool' },
  ],
  columns: [
    { key: 'name', title: 'displayName', render: (row) => row.displayName },
    { key: 'username', title: 'username', render: (row) => row.username, desk: true },
    { key: 'phone', title: 'phone', render: (row) => text(row.phone), desk: true },
    { key: 'region', title: 'region', render: (row) => row.region },
    {
      key: 'skills',
      title: 'skills',
      render: (row, locale) => row.skills.map((skill) => <Tag key={skill}>{word(FAULT_CATEGORY, skill, locale)}</Tag>),
    },
    { key: 'duty', title: 'onDuty', render: (row, locale) => yesNo(row.onDuty, locale) },
    { key: 'available', title: 'available', render: (row, locale) => yesNo(row.available, locale), desk: true },
  ],
  fields: [
    { name: 'region', label: 'region', kind: 'text', max: 32, required: true },
    { name: 'skills', label: 'skills', kind: 'enum', words: FAULT_CATEGORY, multiple: true },
    { name: 'onDuty', label: 'onDuty', kind: 'bool', help: 'onDutyHelp' },
  ],
  blank: { region: '', skills: [], onDuty: true } as Values,
  toValues: (row): Values => ({ region: row.region, skills: row.skills, onDuty: row.onDuty }),
  version: (row) => row.version,
  update: (client, row, version, v) =>
    client
      .mutation(MdUpdateEngineerDocument, {
        input: { id: row.id, version: version ?? row.version, region: required(v.region), skills: v.skills ?? [], onDuty: !!v.onDuty },
      })
      .toPromise(),
});
