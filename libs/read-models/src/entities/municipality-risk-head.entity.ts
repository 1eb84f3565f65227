// The last event that changed a municipality's risk picture: what a cached part of the picture
// was computed from is still current exactly while this is the same.
import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'municipality_risk_heads' })
export class MunicipalityRiskHeadEntity {
  @PrimaryColumn({ type: 'varchar', length: 6 })
  municipality!: string;

  @Column({ name: 'last_event_id', type: 'uuid' })
  lastEventId!: string;
}
