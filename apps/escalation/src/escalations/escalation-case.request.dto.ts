// The bodies of the analyst's case commands, for the OpenAPI document; the domain's parsers
// validate them (escalation.validation.ts), so the limits here are theirs.
import { ApiProperty } from '@nestjs/swagger';
import { ESCALATION_LIMITS, ESCALATION_OUTCOMES } from '@weerbaar/domain';

export class AssignRequestDto {
  @ApiProperty({
    description: 'The user id (JWT sub) of the analyst who takes the case',
    minLength: 1,
    maxLength: ESCALATION_LIMITS.assigneeMaxLength,
  })
  assignee!: string;
}

export class NoteRequestDto {
  @ApiProperty({
    description: 'A note on the case: personal data, for analysts only',
    minLength: 1,
    maxLength: ESCALATION_LIMITS.noteMaxLength,
  })
  text!: string;
}

export class CloseRequestDto {
  @ApiProperty({
    enum: ESCALATION_OUTCOMES,
    description: 'The disposition, kept for tuning the rules',
  })
  outcome!: string;

  @ApiProperty({
    description: 'Why the case is closed so',
    minLength: 1,
    maxLength: ESCALATION_LIMITS.closingNoteMaxLength,
  })
  note!: string;
}
