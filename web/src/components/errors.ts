// What went wrong, in a sentence the user can act on. Every error the API
// sends carries a stable `extensions.code` and, for bad input, the input
// field it is about (`extensions.field`); forms show the sentence next to
// that field and everything else above the form.
import type { CombinedError } from '@urql/core';
import type { Locale } from '../app/i18n';

export interface Problem {
  /** `extensions.code`, or `NETWORK` when the server could not be reached. */
  code: string;
  /** The input field it is about, when the server named one. */
  field?: string;
  /** The server's own words. */
  detail: string;
  /** Seconds to wait before trying again (`RATE_LIMITED`). */
  retryAfter?: number;
}

/** The problems in an operation's error, in the order the server sent them. */
export function problemsOf(error: CombinedError | undefined | null): Problem[] {
  if (!error) return [];
  if (error.networkError && error.graphQLErrors.length === 0) {
    return [{ code: 'NETWORK', detail: error.networkError.message }];
  }
  return error.graphQLErrors.map((e) => {
    const ext = (e.extensions ?? {}) as Record<string, unknown>;
    return {
      code: typeof ext.code === 'string' ? ext.code : 'INTERNAL',
      field: typeof ext.field === 'string' ? lastSegment(ext.field) : undefined,
      detail: e.message,
      retryAfter: typeof ext.retryAfter === 'number' ? ext.retryAfter : undefined,
    };
  });
}

/** `input.ticket.version` → `version`; forms name their fields by the input's leaf names. */
function lastSegment(field: string): string {
  const parts = field.split('.');
  return parts[parts.length - 1] ?? field;
}

const SENTENCES: Record<string, [zh: string, en: string]> = {
  UNAUTHENTICATED: ['登录已过期，请重新登录。', 'Your session has ended; please sign in again.'],
  FORBIDDEN: ['您没有权限执行此操作。', 'You are not allowed to do this.'],
  NOT_FOUND: ['没有找到，或您无权查看。', 'Not found, or not yours to see.'],
  VALIDATION: ['输入有误：', 'Please check the input: '],
  INVALID_TRANSITION: ['工单当前状态不允许此操作。', 'The ticket is not in a state that allows this.'],
  CONFLICT: ['其他人刚刚修改了此工单，请刷新后再试。', 'Someone else changed this ticket; reload it and try again.'],
  INSUFFICIENT_STOCK: ['库存不足。', 'Not enough stock.'],
  APPROVAL_REQUIRED: ['需要总经理审批。', 'This needs the general manager’s approval.'],
  RATE_LIMITED: ['尝试过于频繁，请 {seconds} 秒后再试。', 'Too many attempts; try again in {seconds} s.'],
  NETWORK: ['无法连接服务器，请检查网络。', 'The server cannot be reached; check the connection.'],
  INTERNAL: ['服务器出错了，请稍后再试。', 'Something went wrong on the server; try again later.'],
};

/** The sentence for a problem, in `locale`. */
export function sentence(problem: Problem, locale: Locale): string {
  const pair = SENTENCES[problem.code];
  if (!pair) return problem.detail;
  const text = pair[locale === 'zh' ? 0 : 1].replace('{seconds}', String(problem.retryAfter ?? 60));
  // Validation messages name the rule broken; the server's words say which.
  return problem.code === 'VALIDATION' ? text + problem.detail : text;
}

/** Problems for the form's fields (`form.setFields`) and those for above the form. */
export function splitByField<F extends string>(problems: Problem[], fields: readonly F[], locale: Locale) {
  const byField = new Map<F, string[]>();
  const general: string[] = [];
  for (const problem of problems) {
    const text = sentence(problem, locale);
    const field = fields.find((name) => name === problem.field);
    if (field) {
      byField.set(field, [...(byField.get(field) ?? []), text]);
    } else {
      general.push(text);
    }
  }
  return {
    fieldErrors: [...byField.entries()].map(([name, errors]) => ({ name, errors })),
    general,
  };
}

export function hasCode(error: CombinedError | undefined | null, code: string): boolean {
  return problemsOf(error).some((p) => p.code === code);
}
