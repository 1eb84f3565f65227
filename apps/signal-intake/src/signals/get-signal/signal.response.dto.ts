// One signal as its readers see it: the current facts and, for those allowed, the personal data.
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { RecordedSignal } from '@weerbaar/domain';

export class SubjectViewDto {
  @ApiProperty() kind!: string;
  @ApiProperty() identifier!: string;
  @ApiPropertyOptional() displayName?: string;
  @ApiProperty({ description: 'Keyed fingerprint linking the subject across signals' })
  fingerprint!: string;
}

export class SignalResponseDto {
  @ApiProperty({ format: 'uuid' }) signalId!: string;
  @ApiProperty() revision!: number;
  @ApiProperty({ enum: ['LIVE', 'RETRACTED'] }) status!: string;
  @ApiProperty() municipality!: string;
  @ApiProperty() category!: string;
  @ApiProperty() subcategory!: string;
  @ApiProperty() targetRole!: string;
  @ApiProperty() severity!: number;
  @ApiProperty() occurredAt!: string;
  @ApiProperty() description!: string;
  @ApiProperty({ type: [SubjectViewDto] }) subjects!: SubjectViewDto[];
  @ApiProperty() policeReportFiled!: boolean;
  @ApiPropertyOptional() policeReportReference?: string;
  @ApiProperty() source!: string;
  @ApiProperty() classification!: string;
  @ApiProperty() sourceReliability!: string;
  @ApiProperty() informationCredibility!: string;
  @ApiPropertyOptional() recordedAt?: string;
  @ApiPropertyOptional() amendedAt?: string;
  @ApiPropertyOptional() retractedAt?: string;
  @ApiPropertyOptional() retractionReason?: string;
}

export function toSignalResponse(state: RecordedSignal, revision: number): SignalResponseDto {
  const { facts, personal } = state;
  return {
    signalId: state.signalId,
    revision,
    status: state.status,
    municipality: facts.municipality,
    category: facts.category,
    subcategory: facts.subcategory,
    targetRole: facts.targetRole,
    severity: facts.severity,
    occurredAt: facts.occurredAt,
    description: personal.description,
    subjects: personal.subjects.map((subject, i) => ({
      kind: subject.kind,
      identifier: subject.identifier,
      ...(subject.displayName !== undefined ? { displayName: subject.displayName } : {}),
      fingerprint: facts.subjectFingerprints[i],
    })),
    policeReportFiled: facts.policeReportFiled,
    ...(personal.policeReportReference !== undefined
      ? { policeReportReference: personal.policeReportReference }
      : {}),
    source: facts.source,
    classification: facts.classification,
    sourceReliability: facts.sourceReliability,
    informationCredibility: facts.informationCredibility,
    recordedAt: state.recordedAt,
    amendedAt: state.amendedAt,
    retractedAt: state.retractedAt,
    retractionReason: state.retractionReason,
  };
}
