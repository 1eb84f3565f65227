import { ForbiddenException } from '@nestjs/common';
import {
  ConflictError,
  MalformedInputError,
  NotFoundError,
  ValidationError,
} from '@weerbaar/domain';
import { StreamRevisionConflictError } from '@weerbaar/event-store';
import { toProblem } from './problem-details.filter';
import { RequestValidationException } from './validation';

describe('toProblem', () => {
  it.each([
    [new MalformedInputError([{ field: 'colour', message: 'is not a field' }]), 400],
    [new RequestValidationException([{ field: 'limit', message: 'must be an integer' }]), 400],
    [ValidationError.of('severity', 'must be 1–5'), 422],
    [new NotFoundError('signal', 'x'), 404],
    [new ConflictError('SIGNAL_RETRACTED', 'retracted'), 409],
    [new StreamRevisionConflictError('signal-x', '0', 3), 409],
    [new ForbiddenException('no'), 403],
    [{ type: 'entity.too.large', status: 413 }, 413],
    [{ type: 'entity.parse.failed', status: 400 }, 400],
  ])('maps %p to %i', (error, status) => {
    const body = toProblem(error);
    expect(body.status).toBe(status);
    expect(body.type).toMatch(/^https:\/\/weerbaar\.nl\/problems\//);
    expect(body.title).toEqual(expect.any(String));
  });

  it('names the fields of a validation error', () => {
    const body = toProblem(ValidationError.of('subjects[2].identifier', 'is required'));
    expect(body.errors).toEqual([{ field: 'subjects[2].identifier', message: 'is required' }]);
    expect(body.detail).toContain('subjects[2].identifier');
  });

  it('never repeats the message of an unexpected error', () => {
    const body = toProblem(new Error('duplicate key (description)=(Jan de Vries bedreigd)'));
    expect(body).toEqual(expect.objectContaining({ status: 500 }));
    expect(JSON.stringify(body)).not.toMatch(/Jan de Vries|duplicate key/);
  });
});
