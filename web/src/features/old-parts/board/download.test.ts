import { describe, expect, it } from 'vitest';
import { exportUrl, fileNameOf, problemsOfResponse } from './download';

describe('report download', () => {
  it('sends the report parameters, never a token', () => {
    expect(exportUrl('xlsx', {})).toBe('/exports/old-parts.xlsx');
    expect(exportUrl('csv', { from: '2026-01-01', to: '2026-01-31', region: '江苏' })).toBe(
      '/exports/old-parts.csv?from=2026-01-01&to=2026-01-31&region=%E6%B1%9F%E8%8B%8F',
    );
    expect(exportUrl('xlsx', { from: null, region: '' })).toBe('/exports/old-parts.xlsx');
  });

  it('takes the server’s file name', () => {
    expect(fileNameOf('attachment; filename="old-part-return-report-2026-12-02.xlsx"', 'x')).toBe(
      'old-part-return-report-2026-12-02.xlsx',
    );
    expect(fileNameOf("attachment; filename*=UTF-8''%E6%97%A7%E4%BB%B6.csv", 'x')).toBe('旧件.csv');
    expect(fileNameOf('attachment; filename=plain.csv', 'x')).toBe('plain.csv');
    expect(fileNameOf(null, 'fallback.xlsx')).toBe('fallback.xlsx');
  });

  it('reads a refusal in the GraphQL error shape', async () => {
    const body = { errors: [{ message: 'bad', extensions: { code: 'VALIDATION', field: 'from' } }] };
    const problems = await problemsOfResponse(new Response(JSON.stringify(body), { status: 400 }));
    expect(problems).toEqual([{ code: 'VALIDATION', field: 'from', detail: 'bad' }]);
    const plain = await problemsOfResponse(new Response('no', { status: 401, statusText: 'Unauthorized' }));
    expect(plain[0]?.code).toBe('UNAUTHENTICATED');
  });
});
