// A mutation's refusal on an account form: sentences beside the fields the
// server names, the rest above the form, and whether it was a CONFLICT
// (offered as a reload).
import type { CombinedError } from '@urql/core';
import type { FormInstance } from 'antd';
import type { Locale } from '../../../app/i18n';
import { problemsOf, splitByField } from '../../../components/errors';

export interface Refusal {
  general: string[];
  conflict: boolean;
}

export const NO_REFUSAL: Refusal = { general: [], conflict: false };

export function showRefusal(
  form: FormInstance,
  error: CombinedError | undefined,
  fields: readonly string[],
  locale: Locale,
): Refusal {
  const problems = problemsOf(error);
  const { fieldErrors, general } = splitByField(
    problems.filter((p) => p.code !== 'CONFLICT'),
    fields,
    locale,
  );
  form.setFields(fieldErrors.map(({ name, errors }) => ({ name, errors })));
  return { general, conflict: problems.some((p) => p.code === 'CONFLICT') };
}
