import { describe, expect, it } from 'vitest';
import { REPORT_COLUMNS } from './labels';
import { reportParamsOf, reportSearch } from './report';

describe('return progress report', () => {
  it('has the regulation’s 18 columns in order', () => {
    expect(REPORT_COLUMNS.map((c) => c.zh)).toEqual([
      '申请日期', '审批号', '设备编号', '物料编码', '数量', '单价', '总价', '申请人', '区域',
      '旧件问题', '旧件是否需回司', '完工日期', '要求交期', '回复日期', '延期天数', '回收日期', '返司日期', '备注',
    ]);
  });

  it('keeps its filter in the URL and drops what is not a date', () => {
    const filter = reportParamsOf(new URLSearchParams('from=2026-01-01&to=junk&region=江苏'));
    expect(filter).toEqual({ from: '2026-01-01', to: null, region: '江苏' });
    expect(reportSearch(filter).toString()).toBe('from=2026-01-01&region=%E6%B1%9F%E8%8B%8F');
  });
});
