import { describe, expect, it } from 'vitest';
import { approvalLevel, bySpecification, catalogueWeight, floorPercent, forSale, lotFigures } from './figures';

describe('lot figures', () => {
  it('prices the lot at market × weight and compares the sale with the 85 % floor', () => {
    const figures = lotFigures({ province: '江苏', marketPricePerKg: '2.50', weightKg: '1000', salePrice: '2000' });
    expect(figures).toEqual({
      basePrice: '2500.00',
      floorPercent: '85',
      floorPrice: '2125.00',
      percentOfMarket: '80.00',
      belowFloor: true,
      lotValue: '2500.00',
      approvalLevel: 'PROJECT',
    });
  });

  it('lets remote provinces go down to 75 %', () => {
    expect(floorPercent('新疆')).toBe('75');
    expect(floorPercent('江苏')).toBe('85');
    expect(floorPercent('新疆维吾尔自治区')).toBe('75');
    expect(floorPercent('湖北省')).toBe('75');
    const figures = lotFigures({ province: '新疆', marketPricePerKg: '2.50', weightKg: '1000', salePrice: '2000' });
    expect(figures?.belowFloor).toBe(false);
    expect(figures?.floorPrice).toBe('1875.00');
  });

  it('is not below the floor exactly at it', () => {
    expect(lotFigures({ province: '江苏', marketPricePerKg: '1', weightKg: '100', salePrice: '85' })?.belowFloor).toBe(false);
    expect(lotFigures({ province: '江苏', marketPricePerKg: '1', weightKg: '100', salePrice: '84.99' })?.belowFloor).toBe(true);
  });

  it('values the lot at the sale price when it is above the base', () => {
    const figures = lotFigures({ province: '江苏', marketPricePerKg: '3', weightKg: '10000', salePrice: '52000' });
    expect(figures?.lotValue).toBe('52000.00');
    expect(figures?.approvalLevel).toBe('COMPANY');
  });

  it('sets the approval level by value: ≤ 20 000 project, ≤ 50 000 department, above company', () => {
    expect(approvalLevel('20000')).toBe('PROJECT');
    expect(approvalLevel('20000.01')).toBe('DEPARTMENT');
    expect(approvalLevel('50000')).toBe('DEPARTMENT');
    expect(approvalLevel('50000.01')).toBe('COMPANY');
  });

  it('waits for every input', () => {
    expect(lotFigures({ province: '', marketPricePerKg: '1', weightKg: '1', salePrice: '1' })).toBeNull();
    expect(lotFigures({ province: '江苏', marketPricePerKg: 'x', weightKg: '1', salePrice: '1' })).toBeNull();
    expect(lotFigures({ province: '江苏', marketPricePerKg: '-1', weightKg: '1', salePrice: '1' })).toBeNull();
    expect(lotFigures({ province: '江苏', marketPricePerKg: '2', weightKg: '0', salePrice: '1' })).toBeNull();
    expect(lotFigures({ province: '江苏', marketPricePerKg: '0', weightKg: '1', salePrice: '1' })?.percentOfMarket).toBeNull();
  });
});

describe('lot candidates', () => {
  const part = (id: string, partNumber: string, weightKg = '10') => ({ id, partNumber, name: partNumber, weightKg });
  const parts = [
    { id: '1', quantity: 2, status: 'RECEIVED', disposition: 'LOCAL_SALE', part: part('p1', 'B-1', '12.5') },
    { id: '2', quantity: 1, status: 'RECEIVED', disposition: 'LOCAL_SALE', part: part('p2', 'A-1') },
    { id: '3', quantity: 1, status: 'DISPOSED', disposition: 'LOCAL_SALE', part: part('p1', 'B-1') },
    { id: '4', quantity: 1, status: 'RECEIVED', disposition: 'RETURN', part: part('p1', 'B-1') },
    { id: '5', quantity: 3, status: 'COLLECTED', disposition: 'LOCAL_SALE', part: part('p1', 'B-1', '12.5') },
  ];

  it('keeps only parts marked for local sale and not yet disposed of', () => {
    expect(forSale(parts).map((p) => p.id)).toEqual(['1', '2', '5']);
  });

  it('groups them by specification, whole', () => {
    const groups = bySpecification(forSale(parts));
    expect(groups.map((g) => [g.partNumber, g.parts.map((p) => p.id)])).toEqual([
      ['A-1', ['2']],
      ['B-1', ['1', '5']],
    ]);
  });

  it('weighs them by the catalogue', () => {
    expect(catalogueWeight(forSale(parts).filter((p) => p.part.id === 'p1'))).toBe('62.5');
    expect(catalogueWeight([])).toBe('0');
  });
});
