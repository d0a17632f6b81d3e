import { describe, expect, it } from 'vitest';
import { needsApproval, priceQuote, quoteStart, type QuoteInputs } from './quote';

const job: QuoteInputs = {
  lines: [
    { unitPrice: '35.50', quantity: 2 },
    { unitPrice: '1200.00', quantity: 1 },
  ],
  labourHours: '3.5',
  labourRate: '150.00',
  distanceKm: 120,
  travelRatePerKm: '3.50',
  discountPercent: '0',
  serviceType: 'PAID',
};

describe('priceQuote', () => {
  it('adds parts, labour and travel there and back into the standard total', () => {
    const figures = priceQuote(job);
    expect(figures.parts).toBe('1271.00');
    expect(figures.labour).toBe('525.00');
    expect(figures.travel).toBe('840.00');
    expect(figures.standardTotal).toBe('2636.00');
    expect(figures.total).toBe('2636.00');
    expect(figures.deviationPercent).toBe('0.00');
    expect(figures.needsApproval).toBe(false);
  });

  it('takes the discount off the standard total, in cents', () => {
    const figures = priceQuote({ ...job, discountPercent: '12.5' });
    expect(figures.total).toBe('2306.50');
    expect(figures.deviationPercent).toBe('-12.50');
    expect(figures.needsApproval).toBe(true);
  });

  it('rounds the quoted total half away from zero', () => {
    // 0.05 × 0.9 = 0.045 → 0.05
    const figures = priceQuote({ ...job, lines: [{ unitPrice: '0.05', quantity: 1 }], labourHours: '0', distanceKm: 0, discountPercent: '10' });
    expect(figures.total).toBe('0.05');
  });

  it('charges a contract for parts only, and free work nothing', () => {
    expect(priceQuote({ ...job, serviceType: 'CONTRACT' }).standardTotal).toBe('1271.00');
    expect(priceQuote({ ...job, serviceType: 'FREE' }).standardTotal).toBe('0.00');
  });

  it('treats half-typed numbers as zero while the user types', () => {
    const figures = priceQuote({ ...job, lines: [], labourHours: '', discountPercent: '.' });
    expect(figures.standardTotal).toBe('840.00');
    expect(figures.total).toBe('840.00');
  });

  it('shows no deviation for an empty quote', () => {
    expect(priceQuote({ ...job, lines: [], labourHours: '0', distanceKm: 0 }).deviationPercent).toBe('0.00');
  });
});

describe('needsApproval', () => {
  it('lets exactly 10 % below pass and needs the general manager from 10.01 %', () => {
    expect(needsApproval('10')).toBe(false);
    expect(needsApproval('10.00')).toBe(false);
    expect(needsApproval('10.01')).toBe(true);
    expect(needsApproval('0')).toBe(false);
    expect(needsApproval('')).toBe(false);
  });

  it('agrees with the figures at the threshold', () => {
    expect(priceQuote({ ...job, discountPercent: '10.00' }).needsApproval).toBe(false);
    expect(priceQuote({ ...job, discountPercent: '10.00' }).deviationPercent).toBe('-10.00');
    expect(priceQuote({ ...job, discountPercent: '10.01' }).needsApproval).toBe(true);
    expect(priceQuote({ ...job, discountPercent: '10.01' }).deviationPercent).toBe('-10.01');
  });
});

describe('quoteStart', () => {
  it('starts a first quote from one empty line', () => {
    expect(quoteStart(null)).toEqual({ lines: [{ quantity: 1 }], labourHours: '0', discountPercent: '0', parts: {} });
  });

  it('starts a quote again from the last one, its parts priced by today\'s list', () => {
    const seal = { id: 'p4', partNumber: 'HY-SEAL-04', name: '油缸密封件组', unitPrice: '390.00' };
    const start = quoteStart({
      labourHours: '4.50',
      discountPercent: '5.00',
      lines: [{ quantity: 2, part: seal }, { quantity: 1, part: null }],
    });
    expect(start).toEqual({
      lines: [{ partId: 'p4', quantity: 2 }],
      labourHours: '4.50',
      discountPercent: '5.00',
      parts: { p4: seal },
    });
  });
});
