import { describe, expect, it } from 'vitest';
import { auditHref, auditIdOf } from './audit';

const opaque = (text: string) => btoa(text).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');

describe('audit links', () => {
  it('reads the database id the audit log stores out of an opaque id', () => {
    expect(auditIdOf(opaque('Customer:42'))).toBe('42');
    expect(auditIdOf(opaque('ProductModel:7'))).toBe('7');
  });

  it('gives null for what is not an opaque id', () => {
    expect(auditIdOf('not base64 !')).toBeNull();
    expect(auditIdOf(opaque('Customer'))).toBeNull();
  });

  it('links to one record, or to the whole type without an id', () => {
    expect(auditHref('customer', '42')).toBe('/admin/audit?entityType=customer&entityId=42');
    expect(auditHref('fault_cause', null)).toBe('/admin/audit?entityType=fault_cause');
  });
});
