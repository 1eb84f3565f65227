// Where a subject appears, on the wire: fingerprints, municipalities and signal facts only; no
// identifier or name of the subject (SPEC §3).
import { ApiProperty } from '@nestjs/swagger';
import { CATEGORIES, SIGNAL_STATUSES, SUBJECT_KINDS } from '@weerbaar/domain';

class SubjectAppearanceDto {
  @ApiProperty({ format: 'uuid' }) signalId!: string;
  @ApiProperty({ example: 'GM0363' }) municipality!: string;
  @ApiProperty({ enum: SUBJECT_KINDS, description: 'What the subject is in this signal' })
  kind!: string;
  @ApiProperty({ enum: CATEGORIES }) category!: string;
  @ApiProperty({ enum: SIGNAL_STATUSES }) status!: string;
  @ApiProperty({ format: 'date-time' }) occurredAt!: string;
}

class SubjectElsewhereDto {
  @ApiProperty({ example: 'rotterdam' }) riecRegion!: string;
  @ApiProperty({ description: 'Signals of that region the subject appears in' })
  signals!: number;
}

export class SubjectAppearancesView {
  @ApiProperty({ pattern: '^[0-9a-f]{64}$' }) fingerprint!: string;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: "When the subject's personal data was erased; null while it is not",
  })
  erasedAt!: string | null;
  @ApiProperty({
    type: [String],
    description: 'Municipalities of your region the subject appears in, by code',
  })
  municipalities!: string[];
  @ApiProperty({
    type: [SubjectAppearanceDto],
    description: 'Signals of your region the subject appears in, latest occurrence first',
  })
  signals!: SubjectAppearanceDto[];
  @ApiProperty({
    type: [SubjectElsewhereDto],
    description: 'Other regions: only how many signals, per region',
  })
  otherRegions!: SubjectElsewhereDto[];
}
