// `weerbaar rebuild`: rebuild the read models blue/green (ADR 0007) with a progress bar, also
// while the platform runs on a server, and compare the rebuilt tables with the live ones.
import { Presets, SingleBar } from 'cli-progress';
import type { WeerbaarConfig } from '@weerbaar/config';
import { openInfrastructure } from '@weerbaar/infrastructure';
import { rebuildReadModels } from '@weerbaar/read-models';
import { ReferenceData } from '@weerbaar/reference-data';

/**
 * With `verify`, returns whether every rebuilt table was byte-identical to the live one just
 * before the swap (false also when the live projector had moved on, so that they could not be
 * compared).
 */
export async function rebuildReadModelsCommand(
  config: WeerbaarConfig,
  options: { verify?: boolean } = { verify: true },
): Promise<boolean> {
  const referenceData = ReferenceData.load();
  const infrastructure = await openInfrastructure(config);
  try {
    const total = await infrastructure.eventStore.log.countEvents();
    const bar = new SingleBar(
      {
        format:
          'rebuild [{bar}] {percentage}% | {value}/{total} events | {rate} events/s | ETA {eta_formatted}',
        stream: process.stderr,
        etaBuffer: 20,
        hideCursor: true,
      },
      Presets.shades_classic,
    );
    const started = Date.now();
    bar.start(total, 0, { rate: 0 });
    const { events, millis, compared } = await rebuildReadModels(
      infrastructure.dataSource,
      infrastructure.logBus,
      { regions: referenceData, risk: config.risk },
      {
        compare: options.verify === true,
        onBatch: (done) =>
          bar.update(done, {
            rate: Math.round(done / Math.max(0.001, (Date.now() - started) / 1000)),
          }),
      },
    );
    bar.update(events);
    bar.stop();
    let equal = compared !== undefined;
    if (compared === undefined && options.verify) {
      process.stdout.write(
        'The live read models moved on during the rebuild: swapped in, not compared.\n',
      );
    }
    for (const [table, { live, rebuilt }] of Object.entries(compared ?? {})) {
      const same = live === rebuilt;
      equal &&= same;
      process.stdout.write(`${table.padEnd(24)} ${rebuilt}  ${same ? 'identical' : 'CHANGED'}\n`);
    }
    const rate = millis > 0 ? Math.round((events / millis) * 1000) : events;
    process.stdout.write(`Rebuilt ${events} events in ${millis} ms (${rate} events/s).\n`);
    return equal;
  } finally {
    await infrastructure.close();
  }
}
