// The body of PATCH /api/v1/signals/{signalId}: the corrected fields and why.
import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import {
  CLASSIFICATIONS,
  INFORMATION_CREDIBILITIES,
  SIGNAL_LIMITS,
  SOURCE_RELIABILITIES,
} from '@weerbaar/domain';
import { SignalFieldsDto, SubjectDto } from '../signal-fields.dto';

const KEEPS = 'Absent keeps the current value; null is refused';

/**
 * Every field but the municipality, each optional. The fields whose recording has a default (or
 * takes null for "not given") are declared again: an amendment has no defaults, an absent field
 * keeps its value and null is refused (but for the reference and the withholding reason).
 */
export class AmendSignalRequestDto extends PartialType(
  OmitType(SignalFieldsDto, [
    'municipality',
    'subjects',
    'classification',
    'sourceReliability',
    'informationCredibility',
    'withholdFromMayor',
  ]),
) {
  @ApiPropertyOptional({
    type: [SubjectDto],
    maxItems: SIGNAL_LIMITS.maxSubjects,
    description: `The complete new list of subjects ([] for none). ${KEEPS}`,
  })
  subjects?: SubjectDto[];

  @ApiPropertyOptional({ enum: CLASSIFICATIONS, description: KEEPS })
  classification?: string;

  @ApiPropertyOptional({ enum: SOURCE_RELIABILITIES, description: KEEPS })
  sourceReliability?: string;

  @ApiPropertyOptional({ enum: INFORMATION_CREDIBILITIES, description: KEEPS })
  informationCredibility?: string;

  @ApiPropertyOptional({
    description: `Keep the signal out of the burgemeester's view. ${KEEPS}`,
  })
  withholdFromMayor?: boolean;

  @ApiProperty({
    minLength: 1,
    maxLength: SIGNAL_LIMITS.reasonMaxLength,
    description: 'Why the signal is corrected (kept in history)',
  })
  reason!: string;
}
