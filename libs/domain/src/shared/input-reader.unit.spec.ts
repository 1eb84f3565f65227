// Reading untrusted text: what PostgreSQL cannot store is refused where it is read.
import { ValidationError } from '../errors';
import { InputReader, isStorableText } from './input-reader';

const RULE = { required: true, maxLength: 50, trim: true };

function readText(value: unknown): { value: string | undefined; errors: unknown[] } {
  const reader = new InputReader();
  const text = reader.text({ note: value }, 'note', RULE, 'items[1].note');
  try {
    reader.throwIfAny();
  } catch (error) {
    if (error instanceof ValidationError) return { value: text, errors: [...error.errors] };
    throw error;
  }
  return { value: text, errors: [] };
}

describe('InputReader.text', () => {
  it.each([
    ['a NUL character', 'a\u0000b'],
    ['a NUL at the end, hidden by trimming', 'ab \u0000'],
    ['a lone high surrogate', 'x\ud800'],
    ['a lone low surrogate', '\udc00x'],
    ['surrogates in the wrong order', '\ude00\ud83d'],
  ])('refuses %s as a 422 naming the field', (_name, value) => {
    expect(readText(value)).toEqual({
      value: undefined,
      errors: [
        { field: 'items[1].note', message: 'must not contain NUL characters or invalid Unicode' },
      ],
    });
  });

  it.each([
    ['letters beyond ASCII', 'Jörg ’s-Hertogenbosch'],
    ['an emoji (a surrogate pair)', 'dreiging 🚨'],
    ['line breaks and tabs', 'regel 1\n\tregel 2'],
  ])('takes %s', (_name, value) => {
    expect(readText(value)).toEqual({ value, errors: [] });
  });
});

describe('isStorableText', () => {
  it('tells storable text from text with NUL characters or lone surrogates', () => {
    expect(isStorableText('🚨 ok')).toBe(true);
    expect(isStorableText('\u0000')).toBe(false);
    expect(isStorableText('\ud83d')).toBe(false);
  });
});
