// The request fields of a signal (SPEC §3), shared by record and amend, for the OpenAPI document.
// The body itself is parsed once, by the domain's parser (libs/domain signal.validation): a body
// of the wrong shape or with unknown fields is a 400, a broken rule of SPEC §3 a 422. An optional
// field may be null, which means "not given" when recording; amending refuses it (422) but for
// the police report reference, whose null removes it.
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  CATEGORIES,
  CLASSIFICATIONS,
  INFORMATION_CREDIBILITIES,
  MUNICIPALITY_CODE_PATTERN,
  SIGNAL_LIMITS,
  SOURCE_RELIABILITIES,
  SOURCES,
  SUBCATEGORIES,
  SUBJECT_KINDS,
  TARGET_ROLES,
} from '@weerbaar/domain';

const ALL_SUBCATEGORIES: string[] = Object.values(SUBCATEGORIES).flat();

export class SubjectDto {
  @ApiProperty({ enum: SUBJECT_KINDS })
  kind!: string;

  @ApiProperty({
    minLength: 1,
    maxLength: SIGNAL_LIMITS.subjectIdentifierMaxLength,
    description: 'Personal data: never logged, never in read models',
  })
  identifier!: string;

  @ApiPropertyOptional({ maxLength: SIGNAL_LIMITS.subjectDisplayNameMaxLength, nullable: true })
  displayName?: string;
}

/** The fields of a signal as recorded; amend takes a partial set of them. */
export class SignalFieldsDto {
  @ApiProperty({ example: 'GM0363', pattern: MUNICIPALITY_CODE_PATTERN.source })
  municipality!: string;

  @ApiProperty({ enum: CATEGORIES })
  category!: string;

  @ApiProperty({ enum: ALL_SUBCATEGORIES, description: 'Must belong to the category' })
  subcategory!: string;

  @ApiProperty({ enum: TARGET_ROLES })
  targetRole!: string;

  @ApiProperty({ type: 'integer', minimum: 1, maximum: 5 })
  severity!: number;

  @ApiProperty({
    format: 'date-time',
    example: '2026-11-20T21:15:00+01:00',
    description: 'ISO-8601 date-time with offset; not in the future, at most 10 years back',
  })
  occurredAt!: string;

  @ApiProperty({
    minLength: 1,
    maxLength: SIGNAL_LIMITS.descriptionMaxLength,
    description: 'Personal data',
  })
  description!: string;

  @ApiPropertyOptional({ type: [SubjectDto], maxItems: SIGNAL_LIMITS.maxSubjects, nullable: true })
  subjects?: SubjectDto[];

  @ApiProperty()
  policeReportFiled!: boolean;

  @ApiPropertyOptional({
    maxLength: SIGNAL_LIMITS.policeReportReferenceMaxLength,
    nullable: true,
    description: 'Blank or null is none; on amend, it removes the reference',
  })
  policeReportReference?: string;

  @ApiProperty({ enum: SOURCES })
  source!: string;

  @ApiPropertyOptional({ enum: CLASSIFICATIONS, default: 'TLP:AMBER', nullable: true })
  classification?: string;

  @ApiPropertyOptional({ enum: SOURCE_RELIABILITIES, default: 'F', nullable: true })
  sourceReliability?: string;

  @ApiPropertyOptional({ enum: INFORMATION_CREDIBILITIES, default: '6', nullable: true })
  informationCredibility?: string;

  @ApiPropertyOptional({
    default: false,
    nullable: true,
    description:
      "Keep the signal out of the burgemeester's view (when the mayor is involved); it then counts only for the RIEC",
  })
  withholdFromMayor?: boolean;

  @ApiPropertyOptional({
    maxLength: SIGNAL_LIMITS.reasonMaxLength,
    nullable: true,
    description:
      'Why the signal is withheld (personal data): required with withholdFromMayor, not allowed without it; blank or null is none, and on amend removes it',
  })
  withholdReason?: string;
}
