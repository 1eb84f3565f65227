// A page of signals: the facts of each (no personal data; read one signal for that).
import { ApiProperty } from '@nestjs/swagger';
import { SignalFactsViewDto } from '../shared/signal-facts.view.dto';

export class SignalSummaryDto extends SignalFactsViewDto {
  @ApiProperty() subjectCount!: number;
  @ApiProperty({ description: 'When the signal was first recorded' }) recordedAt!: string;
  @ApiProperty({ description: 'When its last event was recorded' }) updatedAt!: string;
}

export class SignalListResponseDto {
  @ApiProperty({ type: [SignalSummaryDto] }) items!: SignalSummaryDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}
