import { describe, expect, it } from 'vitest';
import { causesFor, mergeParts, replacedPartName, searchParts, validLabourHours } from './catalogue';

const parts = [
  { id: '1', name: '大臂油缸密封件', partNumber: 'HY-1001' },
  { id: '2', name: 'Hydraulic filter', partNumber: 'HY-2001' },
  { id: '3', name: '继电器', partNumber: 'EL-3001' },
];

describe('searchParts', () => {
  it('finds by part of the name or the start of the number', () => {
    expect(searchParts(parts, '密封').map((p) => p.id)).toEqual(['1']);
    expect(searchParts(parts, 'filter').map((p) => p.id)).toEqual(['2']);
    expect(searchParts(parts, 'hy-').map((p) => p.id)).toEqual(['1', '2']);
    expect(searchParts(parts, '3001')).toEqual([]);
    expect(searchParts(parts, '', 2).length).toBe(2);
  });

  it('merges newly seen parts by id', () => {
    const merged = mergeParts(parts, [{ id: '3', name: '继电器 24V', partNumber: 'EL-3001' }, { id: '4', name: 'x', partNumber: 'X' }]);
    expect(merged.map((p) => p.name)).toEqual(['大臂油缸密封件', 'Hydraulic filter', '继电器 24V', 'x']);
  });
});

describe('causesFor', () => {
  it('puts the job’s category first', () => {
    const causes = [
      { code: 'EL-A', name: 'a', faultCategory: 'ELECTRICAL' },
      { code: 'HY-B', name: 'b', faultCategory: 'HYDRAULIC' },
      { code: 'HY-A', name: 'c', faultCategory: 'HYDRAULIC' },
    ];
    expect(causesFor(causes, 'HYDRAULIC').map((c) => c.code)).toEqual(['HY-A', 'HY-B', 'EL-A']);
  });
});

describe('validLabourHours', () => {
  it('takes 0–1000 with at most two decimals', () => {
    expect(['0', '2.5', '2.25', '999.99', '1000', '1000.00'].every(validLabourHours)).toBe(true);
    expect(['', '-1', '2.555', '1000.01', '1001', 'abc', '1e3'].some(validLabourHours)).toBe(false);
  });
});

describe('replacedPartName', () => {
  it('takes the name the server gives, else the parts seen, else the id', () => {
    expect(replacedPartName({ partId: '1', part: { name: '油缸密封件组' } }, parts)).toBe('油缸密封件组');
    expect(replacedPartName({ partId: '1' }, parts)).toBe('大臂油缸密封件');
    expect(replacedPartName({ partId: '1', part: null }, parts)).toBe('大臂油缸密封件');
    expect(replacedPartName({ partId: '9' }, parts)).toBe('9');
  });
});
