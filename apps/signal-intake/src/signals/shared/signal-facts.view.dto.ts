// The non-personal fields of a signal as every reader of signals sees them.
import { ApiProperty } from '@nestjs/swagger';
import { SIGNAL_STATUSES } from '@weerbaar/domain';

export class SignalFactsViewDto {
  @ApiProperty({ format: 'uuid' }) signalId!: string;
  @ApiProperty({ description: 'Stream revision (the ETag)' }) revision!: number;
  @ApiProperty({ enum: SIGNAL_STATUSES }) status!: string;
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
}
