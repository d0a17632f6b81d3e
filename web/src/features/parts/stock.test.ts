import { describe, expect, it } from 'vitest';
import { afterCorrection, operationsFor, parseStockView, stockRows, stockViewToParams, type StockLevelLike } from './stock';

function level(partNumber: string, onHand: number, safetyStock: number, warehouse = 'WH1'): StockLevelLike {
  const below = onHand < safetyStock;
  return {
    onHand,
    safetyStock,
    belowSafetyStock: below,
    shortfall: below ? safetyStock - onHand : 0,
    warehouse: { id: warehouse, code: warehouse },
    part: { id: partNumber, partNumber, name: `name of ${partNumber}` },
  };
}

describe('the stock list', () => {
  it('shows parts below safety stock first, the largest shortfall on top, then by part number', () => {
    const rows = stockRows([level('P-3', 10, 2), level('P-1', 1, 4), level('P-2', 0, 10), level('P-0', 5, 5)], {
      warehouseId: null,
      search: '',
      lowOnly: false,
    });
    expect(rows.map((row) => row.part?.partNumber)).toEqual(['P-2', 'P-1', 'P-0', 'P-3']);
  });

  it('keeps only the low rows when asked, and matches a part number prefix or a name', () => {
    const levels = [level('HY-100', 1, 4), level('EL-200', 0, 3), level('HY-300', 9, 1)];
    // Equal shortfalls: by part number.
    expect(stockRows(levels, { warehouseId: null, search: '', lowOnly: true }).map((r) => r.part?.partNumber)).toEqual([
      'EL-200',
      'HY-100',
    ]);
    expect(stockRows(levels, { warehouseId: null, search: 'hy', lowOnly: false }).map((r) => r.part?.partNumber)).toEqual([
      'HY-100',
      'HY-300',
    ]);
    expect(stockRows(levels, { warehouseId: null, search: 'of EL', lowOnly: false })).toHaveLength(1);
  });

  it('round-trips its view through the URL, defaults left out', () => {
    const view = { warehouseId: 'w1', search: 'seal', lowOnly: true };
    expect(parseStockView(stockViewToParams(view))).toEqual(view);
    expect(stockViewToParams({ warehouseId: null, search: ' ', lowOnly: false }).toString()).toBe('');
  });
});

describe('stock operations by role', () => {
  it('lets the keeper book everything and the service manager all but counter issues and returns', () => {
    expect(operationsFor(['WAREHOUSE'])).toEqual(['receive', 'issue', 'return', 'adjust', 'safety']);
    expect(operationsFor(['SERVICE_MANAGER'])).toEqual(['receive', 'adjust', 'safety']);
    expect(operationsFor(['ADMIN'])).toHaveLength(5);
    expect(operationsFor(['AGENT'])).toEqual([]);
  });
});

describe('a correction', () => {
  it('may take the book to zero but never below', () => {
    expect(afterCorrection(5, -5)).toBe(0);
    expect(afterCorrection(5, -6)).toBeNull();
    expect(afterCorrection(5, 3)).toBe(8);
    expect(afterCorrection(5, null)).toBe(5);
  });
});
