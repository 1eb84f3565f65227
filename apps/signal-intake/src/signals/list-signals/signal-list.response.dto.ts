// A page of signals: the facts of each (no personal data; read one signal for that).
import { ApiProperty } from '@nestjs/swagger';

export class SignalSummaryDto {
  @ApiProperty({ format: 'uuid' }) signalId!: string;
  @ApiProperty() revision!: number;
  @ApiProperty({ enum: ['LIVE', 'RETRACTED'] }) status!: string;
  @ApiProperty() municipality!: string;
  @ApiProperty() category!: string;
  @ApiProperty() subcategory!: string;
  @ApiProperty() targetRole!: string;
  @ApiProperty() severity!: number;
  @ApiProperty() occurredAt!: string;
  @ApiProperty() policeReportFiled!: boolean;
  @ApiProperty() source!: string;
  @ApiProperty() classification!: string;
  @ApiProperty() sourceReliability!: string;
  @ApiProperty() informationCredibility!: string;
  @ApiProperty() subjectCount!: number;
  @ApiProperty({ description: 'When the signal was first recorded' }) recordedAt!: string;
  @ApiProperty({ description: 'When its last event was recorded' }) updatedAt!: string;
}

export class SignalListResponseDto {
  @ApiProperty({ type: [SignalSummaryDto] }) items!: SignalSummaryDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}
