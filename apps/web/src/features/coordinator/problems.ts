// The API's field errors in the person's language. The API answers in English and is the
// authority: the messages it is known to give are translated, any other is shown as it came.
import { ApiError } from '../../api/client';
import { formatNumber } from '../../i18n';
import type { FieldProblem, Translate } from './signal-form';

type Match = (m: RegExpExecArray) => [key: string, values?: Record<string, unknown>];

const MESSAGES: [RegExp, Match][] = [
  [/^is required$/, () => ['required']],
  [/^must not be empty$/, () => ['required']],
  [/^must be at most (\d+) characters$/, (m) => ['tooLong', { max: formatNumber(+m[1], 0) }]],
  [/^must have at most (\d+) items$/, (m) => ['tooMany', { max: formatNumber(+m[1], 0) }]],
  [/^must not be in the future$/, () => ['future']],
  [/^must not be more than (\d+) years ago$/, (m) => ['tooOld', { years: +m[1] }]],
  [/^must be an ISO-8601 date-time/, () => ['invalidDateTime']],
  [/^is only allowed when policeReportFiled is true/, () => ['referenceNeedsReport']],
  [/^is required when withholdFromMayor is true/, () => ['withholdReasonRequired']],
  [/^is only allowed when withholdFromMayor is true/, () => ['withholdReasonNeedsWithholding']],
  [/^is the same subject as subjects\[(\d+)\]$/, (m) => ['sameSubject', { n: +m[1] + 1 }]],
  [/is not a subcategory of|^must be given when the category changes/, () => ['subcategoryOf']],
  [/^changes nothing/, () => ['nothingChanged']],
  [/^must not contain NUL characters or invalid Unicode$/, () => ['notStorable']],
  [/^must be one of /, () => ['notAllowed']],
];

/** One message of the API in the person's language (or as the API wrote it). */
export function localizeApiMessage(message: string, t: Translate): string {
  for (const [pattern, toKey] of MESSAGES) {
    const match = pattern.exec(message);
    if (match) {
      const [key, values] = toKey(match);
      return t(`api.${key}`, values);
    }
  }
  return message;
}

/** The field errors of a 422 (or 400) the API answered, translated where known. */
export function apiFieldProblems(error: unknown, t: Translate): FieldProblem[] {
  if (!(error instanceof ApiError) || (error.status !== 422 && error.status !== 400)) return [];
  return (error.problem.errors ?? []).map((problem) => ({
    field: problem.field,
    message: localizeApiMessage(problem.message, t),
  }));
}

/** Whether an error is answered by the field problems (shown in the summary and at the fields). */
export function isFieldError(error: unknown): boolean {
  return (
    error instanceof ApiError &&
    (error.status === 422 || error.status === 400) &&
    (error.problem.errors?.length ?? 0) > 0
  );
}

/** Looks up a field's message; `subjects[0].identifier` and the like by their path. */
export function messageFor(problems: readonly FieldProblem[], field: string): string | undefined {
  const messages = problems.filter((p) => p.field === field).map((p) => p.message);
  return messages.length > 0 ? messages.join(' ') : undefined;
}
