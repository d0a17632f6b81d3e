import { describe, expect, it } from 'vitest';
import { importUrl, offerFor, readAnswer, type ImportReport } from './upload';

const report: ImportReport = {
  kind: 'units',
  rows: 6,
  created: 2,
  updated: 0,
  unchanged: 0,
  invalid: 4,
  skipped: 0,
  committed: false,
  problems: [{ row: 3, column: 'model', code: 'UNKNOWN_MODEL', message: 'no product model `XCT99`' }],
  problemCount: 4,
};

describe('import route', () => {
  it('asks for a preview or a commit, skipping bad rows only when told', () => {
    expect(importUrl('units', 'preview', false)).toBe('/imports/units?mode=preview');
    expect(importUrl('stock', 'commit', true)).toBe('/imports/stock?mode=commit&skipInvalid=true');
  });

  it('reads a report, a refused commit with its report, and a plain error', () => {
    expect(readAnswer(200, report)).toEqual({ ok: true, report });
    const refused = readAnswer(422, {
      ...report,
      errors: [{ message: '4 rows have problems', extensions: { code: 'VALIDATION', field: 'file' } }],
    });
    expect(refused.ok).toBe(false);
    expect(refused.ok ? undefined : [refused.problem.code, refused.problem.field, refused.report?.invalid]).toEqual([
      'VALIDATION',
      'file',
      4,
    ]);
    const tooLarge = readAnswer(413, { errors: [{ message: 'too large', extensions: { code: 'PAYLOAD_TOO_LARGE' } }] });
    expect(tooLarge.ok ? undefined : tooLarge.problem.code).toBe('PAYLOAD_TOO_LARGE');
    const unauthorized = readAnswer(401, undefined);
    expect(unauthorized.ok ? undefined : unauthorized.problem.code).toBe('UNAUTHENTICATED');
  });

  it('offers to import, to import skipping the bad rows, or nothing when every row is unchanged', () => {
    expect(offerFor(report)).toEqual({ kind: 'skip', rows: 2, skipped: 4 });
    expect(offerFor({ ...report, invalid: 0 })).toEqual({ kind: 'import', rows: 2 });
    expect(offerFor({ ...report, created: 0, unchanged: 2 })).toEqual({ kind: 'nothing' });
  });
});
