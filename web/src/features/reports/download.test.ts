import { describe, expect, it } from 'vitest';
import { fileNameOf, problemOf } from './download';

describe('downloads', () => {
  it('takes the file name from Content-Disposition', () => {
    expect(fileNameOf('attachment; filename="kpi-2026-09.xlsx"', 'x')).toBe('kpi-2026-09.xlsx');
    expect(fileNameOf("attachment; filename*=UTF-8''%E6%8A%A5%E8%A1%A8.svg", 'x')).toBe('报表.svg');
    expect(fileNameOf(null, 'report-1.xlsx')).toBe('report-1.xlsx');
  });

  it('reads a refusal in the API’s error shape', async () => {
    const refused = new Response(JSON.stringify({ errors: [{ message: 'no report 9', extensions: { code: 'NOT_FOUND' } }] }), {
      status: 404,
    });
    expect(await problemOf(refused)).toEqual({ code: 'NOT_FOUND', detail: 'no report 9' });
    expect((await problemOf(new Response('oops', { status: 401 }))).code).toBe('UNAUTHENTICATED');
  });
});
