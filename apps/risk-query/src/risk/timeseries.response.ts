// A municipality's live signals per day of occurrence and category, on the wire.
import { ApiProperty } from '@nestjs/swagger';
import { CATEGORIES } from '@weerbaar/domain';

class DailyCountDto {
  @ApiProperty({ format: 'date', example: '2026-11-24' }) day!: string;
  @ApiProperty({ enum: CATEGORIES }) category!: string;
  @ApiProperty({ description: 'Live signals that occurred that day (days without are left out)' })
  count!: number;
}

export class TimeseriesView {
  @ApiProperty({ example: 'GM0363' }) municipality!: string;
  @ApiProperty({ format: 'date' }) from!: string;
  @ApiProperty({ format: 'date' }) to!: string;
  @ApiProperty({
    type: [DailyCountDto],
    description: 'Only days and categories with signals, by day then category',
  })
  days!: DailyCountDto[];
}
