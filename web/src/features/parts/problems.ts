// The API's problems as the stock screens show them. A shortage's own words
// name the short part, so they follow the general sentence.
import type { Locale } from '../../app/i18n';
import { sentence, type Problem } from '../../components/errors';

export function stockSentence(problem: Problem, locale: Locale): string {
  const text = sentence(problem, locale);
  return problem.code === 'INSUFFICIENT_STOCK' && problem.detail ? `${text} ${problem.detail}` : text;
}

/** The form's own names for input fields the API names differently. */
export function renameField(problem: Problem, names: Readonly<Record<string, string>>): Problem {
  return problem.field && names[problem.field] ? { ...problem, field: names[problem.field] } : problem;
}
