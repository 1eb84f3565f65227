// One signal as its readers see it: the current facts and, for those allowed, the personal data.
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { RecordedSignal } from '@weerbaar/domain';
import { SignalFactsViewDto } from '../shared/signal-facts.view.dto';

export class SubjectViewDto {
  @ApiProperty() kind!: string;
  @ApiPropertyOptional({ description: 'Absent when the subject is erased' })
  identifier?: string;
  @ApiPropertyOptional() displayName?: string;
  @ApiProperty({ description: 'Keyed fingerprint linking the subject across signals' })
  fingerprint!: string;
  @ApiProperty({
    description: "The subject's personal data was erased: its key is destroyed, its identity gone",
  })
  erased!: boolean;
}

export class SignalResponseDto extends SignalFactsViewDto {
  @ApiProperty({ description: 'Personal data' }) description!: string;
  @ApiProperty({ type: [SubjectViewDto] }) subjects!: SubjectViewDto[];
  @ApiPropertyOptional() policeReportReference?: string;
  @ApiProperty({ description: "Kept out of the burgemeester's view; counts only for the RIEC" })
  withholdFromMayor!: boolean;
  @ApiPropertyOptional({ description: 'Why it is withheld from the burgemeester (personal data)' })
  withholdReason?: string;
  @ApiPropertyOptional() recordedAt?: string;
  @ApiPropertyOptional() amendedAt?: string;
  @ApiPropertyOptional() retractedAt?: string;
  @ApiPropertyOptional() retractionReason?: string;
  @ApiProperty({
    description:
      "The signal's personal data was shredded (retention): its texts are empty, its facts stay",
  })
  personalDataErased!: boolean;
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
    subjects: personal.subjects.map((subject, i) =>
      subject.erased
        ? { kind: subject.kind, fingerprint: facts.subjectFingerprints[i], erased: true }
        : {
            kind: subject.kind,
            identifier: subject.identifier,
            ...(subject.displayName !== undefined ? { displayName: subject.displayName } : {}),
            fingerprint: facts.subjectFingerprints[i],
            erased: false,
          },
    ),
    policeReportFiled: facts.policeReportFiled,
    ...(personal.policeReportReference !== undefined
      ? { policeReportReference: personal.policeReportReference }
      : {}),
    source: facts.source,
    classification: facts.classification,
    sourceReliability: facts.sourceReliability,
    informationCredibility: facts.informationCredibility,
    withholdFromMayor: facts.withholdFromMayor === true,
    ...(personal.withholdReason !== undefined ? { withholdReason: personal.withholdReason } : {}),
    recordedAt: state.recordedAt,
    amendedAt: state.amendedAt,
    retractedAt: state.retractedAt,
    retractionReason: state.retractionReason,
    personalDataErased: personal.erased === true,
  };
}
