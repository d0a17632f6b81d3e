import { describe, expect, it } from 'vitest';
import { readableNote, readableReason } from './reasons';

describe('readableReason', () => {
  it("words the triage's entitlement, keeping the note as typed", () => {
    expect(readableReason('FREE: in warranty until 2027-04-11', 'zh')).toBe('保内免费：保修期内，至 2027-04-11');
    expect(readableReason('PAID: warranty expired on 2026-05-22', 'en')).toBe('Paid: The warranty ended on 2026-05-22');
    expect(readableReason('PAID: in warranty until 2027-01-01; 现场判定违规操作', 'zh')).toBe(
      '有偿服务：保修期内，至 2027-01-01；现场判定违规操作',
    );
    expect(readableReason('OTHER: warranty starts on 2027-01-05 (the invoice date)', 'zh')).toBe(
      '咨询/电话指导：保修自 2027-01-05（发票日期）起算，尚未开始',
    );
    expect(readableReason('CONTRACT: no invoice date: the unit has no warranty yet', 'en')).toBe(
      'Service contract: No invoice date: the warranty has not begun',
    );
  });

  it('words the steps the API describes itself', () => {
    expect(readableReason('quoted 19879.70 (standard 20926.00)', 'zh')).toBe('报价 ¥19,879.70（标准价 ¥20,926.00）');
    expect(readableReason('customer accepted quote 880.00', 'en')).toBe('The customer accepted ¥880.00');
    expect(readableReason('reported by PHONE', 'zh')).toBe('报修渠道：电话');
    expect(readableReason('dispatched (rotation)', 'en')).toBe('Engineer by rotation');
    expect(readableReason('signed by 设备主管', 'en')).toBe('Signed by 设备主管');
    expect(readableReason('satisfaction 5, solved: true', 'zh')).toBe('满意度 5，问题已解决：是');
  });

  it('shows what a person typed as written', () => {
    expect(readableReason('客户已自行排除故障', 'en')).toBe('客户已自行排除故障');
    expect(readableReason('FREE: customer asked', 'zh')).toBe('FREE: customer asked');
    expect(readableReason('reported by NOBODY', 'zh')).toBe('reported by NOBODY');
  });
});

describe('readableNote', () => {
  it('words the explanation the triage kept, else shows the note', () => {
    expect(readableNote('warranty expired on 2026-05-22', 'zh')).toBe('保修已于 2026-05-22 到期');
    expect(readableNote('under service contract until 2027-03-31; 客户要求加急', 'en')).toBe(
      'Under service contract until 2027-03-31; 客户要求加急',
    );
    expect(readableNote('in warranty until 2027-01-01x', 'en')).toBe('in warranty until 2027-01-01x');
  });
});
