// What one master-data entity declares: how its list loads and pages, its
// filters, columns and form fields, and how form values become the API's
// input. The scaffold (EntityScreen, EntityForm) does the rest, the same
// way for every entity.
import type { ReactNode } from 'react';
import type { AnyVariables, Client, OperationResult, TypedDocumentNode } from 'urql';
import type { Locale, Messages } from '../../../../app/i18n';
import type { Role } from '../../../../gql/enums';

/** Words for an enum's values, `[zh, en]`. */
export type Words<E extends string = string> = Record<E, [zh: string, en: string]>;

/** The records a select may point to; each has its own list query. */
export type RefKind = 'customer' | 'productModel' | 'dealer' | 'warrantyPolicy' | 'unit';

/** A picked record as a select shows it before its list has loaded. */
export interface RefOption {
  value: string;
  label: string;
}

export type FieldKind =
  | { kind: 'text'; max: number; multiline?: boolean }
  | { kind: 'int'; min: number; max: number }
  /** A decimal kept as the API's string (money, rates, weights): never a float. */
  | { kind: 'decimal' }
  | { kind: 'bool' }
  | { kind: 'enum'; words: Words; multiple?: boolean }
  /** A day, kept as the API's `YYYY-MM-DD`. */
  | { kind: 'date' }
  | { kind: 'ref'; ref: RefKind };

export type FieldSpec<Row, Values, K extends string> = FieldKind & {
  /** The input's field name: the server's errors name it the same. */
  name: keyof Values & string;
  label: K;
  /** A hint under the field (the rule the API applies). */
  help?: K;
  required?: boolean;
  /** Shown but not changeable once the record exists (a key the API saves by). */
  fixedOnEdit?: boolean;
  /** For a ref field: the picked record's words, before its list has loaded. */
  current?: (row: Row) => RefOption | null;
};

export type FilterSpec<K extends string> = { name: string; label: K } & (
  | { kind: 'search' }
  | { kind: 'enum'; words: Words }
  /** Yes / no / either. */
  | { kind: 'bool' }
  | { kind: 'year' }
  | { kind: 'ref'; ref: RefKind }
);

export interface ColumnSpec<Row, K extends string> {
  key: string;
  title: K;
  render: (row: Row, locale: Locale) => ReactNode;
  width?: number;
  /** Left out of the phone's cards (they show the essentials). */
  desk?: boolean;
}

/** One page of a list as the scaffold needs it. */
export interface Page<Row> {
  rows: Row[];
  totalCount?: number;
  /** Absent for lists the API returns whole (holidays of a year, tariffs, causes). */
  next?: string | null;
}

/** Filter values as the URL keeps them. */
export type FilterValues = Record<string, string | undefined>;

export interface EntityConfig<Q, V extends AnyVariables, Row, Values, K extends string> {
  /** The URL segment: /admin/data/<key>. */
  key: string;
  messages: Messages<K>;
  /** The page's title and the menu's word. */
  title: K;
  /** Who may edit (ADMIN always may): others do not see the entity. */
  roles: readonly Role[];
  /** The audit log's entity type (service/src/usecase: `AuditEntry::created`). */
  auditType: string;
  /** The record's id as the audit log stores it; null links to the type's whole history. */
  auditId: (row: Row) => string | null;
  rowKey: (row: Row) => string;
  /** What a record is called in titles (its name, number or day). */
  caption: (row: Row) => string;
  query: TypedDocumentNode<Q, V>;
  variables: (filters: FilterValues, page: { first: number; after: string | null }) => V;
  page: (data: Q) => Page<Row>;
  filters: FilterSpec<K>[];
  columns: ColumnSpec<Row, K>[];
  fields: FieldSpec<Row, Values, K>[];
  /** The form's values for a new record. */
  blank: Values;
  /** The form's values for an existing record (absent: records are not edited). */
  toValues?: (row: Row) => Values;
  /** The version an update sends back (absent when the API keeps none). */
  version?: (row: Row) => number;
  create?: (client: Client, values: Values) => Promise<OperationResult>;
  update?: (client: Client, row: Row, version: number | undefined, values: Values) => Promise<OperationResult>;
  /** Withdraws a record (holidays). */
  remove?: (client: Client, row: Row) => Promise<OperationResult>;
  /** A sentence above the list: what the API does and does not allow here. */
  note?: K;
}
