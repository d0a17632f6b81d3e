import { CombinedError } from '@urql/core';
import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { hasCode, problemsOf, sentence, splitByField } from './errors';

function graphQLError(message: string, extensions: Record<string, unknown>) {
  return new CombinedError({ graphQLErrors: [new GraphQLError(message, { extensions })] });
}

describe('errors', () => {
  it('reads code and the leaf of the field', () => {
    const error = graphQLError('too long', { code: 'VALIDATION', field: 'input.faultDescription' });
    expect(problemsOf(error)).toEqual([
      { code: 'VALIDATION', field: 'faultDescription', detail: 'too long', retryAfter: undefined },
    ]);
  });

  it('puts a named field next to it and the rest above the form', () => {
    const error = new CombinedError({
      graphQLErrors: [
        new GraphQLError('must not be empty', { extensions: { code: 'VALIDATION', field: 'measures' } }),
        new GraphQLError('changed', { extensions: { code: 'CONFLICT' } }),
        new GraphQLError('bad', { extensions: { code: 'VALIDATION', field: 'unknownField' } }),
      ],
    });
    const { fieldErrors, general } = splitByField(problemsOf(error), ['measures'], 'en');
    expect(fieldErrors).toEqual([{ name: 'measures', errors: ['Please check the input: must not be empty'] }]);
    expect(general).toEqual([
      'Someone else changed this ticket; reload it and try again.',
      'Please check the input: bad',
    ]);
  });

  it('says conflicts and rate limits in both languages', () => {
    const conflict = problemsOf(graphQLError('x', { code: 'CONFLICT' }))[0]!;
    expect(sentence(conflict, 'zh')).toContain('其他人刚刚修改');
    const limited = problemsOf(graphQLError('x', { code: 'RATE_LIMITED', retryAfter: 42 }))[0]!;
    expect(sentence(limited, 'en')).toBe('Too many attempts; try again in 42 s.');
  });

  it('reports an unreachable server as NETWORK', () => {
    const error = new CombinedError({ networkError: new Error('Failed to fetch') });
    expect(hasCode(error, 'NETWORK')).toBe(true);
    expect(sentence(problemsOf(error)[0]!, 'zh')).toBe('无法连接服务器，请检查网络。');
  });

  it('keeps an unknown code as the server said it', () => {
    const problem = problemsOf(graphQLError('odd thing', { code: 'SOMETHING_NEW' }))[0]!;
    expect(sentence(problem, 'en')).toBe('odd thing');
  });
});
