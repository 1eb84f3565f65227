// Reads an untrusted, JSON-shaped object field by field and collects every problem, so that a
// client learns all that is wrong with its input in one response instead of one per attempt.
import { FieldError, MalformedInputError, ValidationError, WHOLE_BODY } from '../errors';

export type JsonObject = Readonly<Record<string, unknown>>;

export const isJsonObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Length in Unicode code points, so that an emoji or an accented letter counts as one character. */
export function characterCount(text: string): number {
  return Array.from(text).length;
}

// PostgreSQL's text and jsonb refuse U+0000, and a lone UTF-16 surrogate has no UTF-8 form: such
// a string would fail only when it is stored, as a 500. In a `u` regex a surrogate class matches
// only surrogates that are not part of a pair.
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

/** Whether a text can be stored as it is: no NUL character, no lone surrogate. */
export function isStorableText(text: string): boolean {
  return !text.includes('\u0000') && !LONE_SURROGATE.test(text);
}

export const NOT_STORABLE_TEXT = 'must not contain NUL characters or invalid Unicode';

export interface TextRule {
  required: boolean;
  maxLength: number;
  /** Trim surrounding white space; a blank text then counts as absent. */
  trim: boolean;
}

export class InputReader {
  private readonly problems: FieldError[] = [];
  private readonly unknownFields: FieldError[] = [];

  /** The request body as an object with only `allowed` fields; anything else is malformed (400). */
  root(input: unknown, allowed: readonly string[]): JsonObject {
    if (!isJsonObject(input)) {
      throw new MalformedInputError([{ field: WHOLE_BODY, message: 'must be a JSON object' }]);
    }
    this.rejectUnknown(input, allowed, '');
    return input;
  }

  /** A nested object; a wrong type is a field error, unknown fields are malformed input. */
  nested(value: unknown, path: string, allowed: readonly string[]): JsonObject | undefined {
    if (!isJsonObject(value)) {
      this.error(path, 'must be an object');
      return undefined;
    }
    this.rejectUnknown(value, allowed, `${path}.`);
    return value;
  }

  error(field: string, message: string): void {
    this.problems.push({ field, message });
  }

  get hasErrors(): boolean {
    return this.problems.length > 0;
  }

  /** Throws what was collected: unknown fields first (400), then rule violations (422). */
  throwIfAny(): void {
    if (this.unknownFields.length > 0) throw new MalformedInputError(this.unknownFields);
    if (this.problems.length > 0) throw new ValidationError(this.problems);
  }

  /**
   * Throws what was collected, or else returns `values` typed as all present. A value that is
   * missing without a recorded problem is a bug in the parser, not in the input.
   */
  complete<T extends Record<string, unknown>>(
    values: T,
  ): { [K in keyof T]-?: Exclude<T[K], undefined> } {
    this.throwIfAny();
    for (const [key, value] of Object.entries(values)) {
      if (value === undefined)
        throw new Error(`Parser bug: ${key} has neither a value nor an error`);
    }
    return values as { [K in keyof T]-?: Exclude<T[K], undefined> };
  }

  /** True when the field is absent or null: JSON clients use both for "not given". */
  isAbsent(source: JsonObject, key: string): boolean {
    return source[key] === undefined || source[key] === null;
  }

  oneOf<T extends string>(
    source: JsonObject,
    key: string,
    values: readonly T[],
    path = key,
  ): T | undefined {
    const value = source[key];
    if (value === undefined || value === null) {
      this.error(path, 'is required');
      return undefined;
    }
    if (typeof value === 'string' && (values as readonly string[]).includes(value)) {
      return value as T;
    }
    this.error(path, `must be one of ${values.join(', ')}`);
    return undefined;
  }

  oneOfOr<T extends string>(
    source: JsonObject,
    key: string,
    values: readonly T[],
    fallback: T,
  ): T | undefined {
    return this.isAbsent(source, key) ? fallback : this.oneOf(source, key, values);
  }

  boolean(source: JsonObject, key: string, path = key): boolean | undefined {
    const value = source[key];
    if (typeof value === 'boolean') return value;
    this.error(
      path,
      value === undefined || value === null ? 'is required' : 'must be true or false',
    );
    return undefined;
  }

  integer(
    source: JsonObject,
    key: string,
    min: number,
    max: number,
    path = key,
  ): number | undefined {
    const value = source[key];
    if (typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max) {
      return value;
    }
    this.error(
      path,
      value === undefined || value === null
        ? 'is required'
        : `must be a whole number from ${min} to ${max}`,
    );
    return undefined;
  }

  /** A text; `undefined` when absent (or blank and trimmed) and not required, or invalid. */
  text(source: JsonObject, key: string, rule: TextRule, path = key): string | undefined {
    const raw = source[key];
    if (raw === undefined || raw === null) {
      if (rule.required) this.error(path, 'is required');
      return undefined;
    }
    if (typeof raw !== 'string') {
      this.error(path, 'must be a string');
      return undefined;
    }
    if (!isStorableText(raw)) {
      this.error(path, NOT_STORABLE_TEXT);
      return undefined;
    }
    // The limit is on the text as sent (as the API document says), before trimming.
    if (characterCount(raw) > rule.maxLength) {
      this.error(path, `must be at most ${rule.maxLength} characters`);
      return undefined;
    }
    const value = rule.trim ? raw.trim() : raw;
    if (value.length === 0) {
      if (rule.required) this.error(path, 'must not be empty');
      return undefined;
    }
    return value;
  }

  array(source: JsonObject, key: string, maxItems: number, path = key): unknown[] | undefined {
    const value = source[key];
    if (!Array.isArray(value)) {
      this.error(path, 'must be an array');
      return undefined;
    }
    if (value.length > maxItems) {
      this.error(path, `must have at most ${maxItems} items`);
      return undefined;
    }
    return value as unknown[];
  }

  private rejectUnknown(value: JsonObject, allowed: readonly string[], prefix: string): void {
    for (const key of Object.keys(value)) {
      if (!allowed.includes(key)) {
        this.unknownFields.push({ field: `${prefix}${key}`, message: 'is not a known field' });
      }
    }
  }
}
