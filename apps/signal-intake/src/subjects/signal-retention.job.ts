// Retention: every hour (and once at start), the keys of signals recorded longer ago than
// RETENTION_YEARS are destroyed, which erases their descriptions, references, reasons and the
// names of their subjects as erasure does. Facts, counts and links stay for the risk pictures.
// Several instances may run it at once: a key is destroyed once, the others find it gone.
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { type Clock, CLOCK, WEERBAAR_CONFIG, type WeerbaarConfig } from '@weerbaar/config';
import { DataKeys, SignalRetention } from '@weerbaar/personal-data';

const EVERY_MS = 60 * 60 * 1000;

@Injectable()
export class SignalRetentionJob implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('SignalRetention');
  private readonly retention: SignalRetention;
  private timer: NodeJS.Timeout | undefined;
  private first: NodeJS.Immediate | undefined;
  private running: Promise<number> | undefined;

  constructor(
    keys: DataKeys,
    @Inject(WEERBAAR_CONFIG) config: WeerbaarConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.retention = new SignalRetention(keys, config.personalData.retentionYears);
  }

  onApplicationBootstrap(): void {
    const tick = () => void this.run().catch((error: Error) => this.logger.error(error.message));
    this.timer = setInterval(tick, EVERY_MS).unref();
    this.first = setImmediate(tick);
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    clearImmediate(this.first);
    await this.running?.catch(() => undefined);
  }

  /** Shreds what is past retention at `now` (default: the clock); how many signals. */
  async run(now: Date = this.clock()): Promise<number> {
    await this.running?.catch(() => undefined);
    this.running = this.retention.shred(now);
    const shredded = await this.running;
    if (shredded > 0) {
      this.logger.log(
        `retention: destroyed the keys of ${shredded} signals recorded before ${this.retention.cutoff(now).toISOString()}`,
      );
    }
    return shredded;
  }
}
