// `weerbaar rebuild`: rebuild the read models with a progress line, and compare table
// checksums before and after (equal after a rebuild of a consistent database).
import type { WeerbaarConfig } from '@weerbaar/config';
import { openInfrastructure } from '@weerbaar/infrastructure';
import { readModelChecksums, rebuildReadModels } from '@weerbaar/read-models';
import { ReferenceData } from '@weerbaar/reference-data';

/** Returns whether every table is byte-identical to what it was before the rebuild. */
export async function rebuildReadModelsCommand(config: WeerbaarConfig): Promise<boolean> {
  const referenceData = ReferenceData.load();
  const infrastructure = await openInfrastructure(config);
  try {
    const total = await infrastructure.eventStore.countEvents();
    const before = await readModelChecksums(infrastructure.dataSource);
    const progress = (done: number) => {
      const width = 30;
      const filled = total === 0 ? width : Math.round((done / total) * width);
      process.stderr.write(`\r[${'#'.repeat(filled).padEnd(width, '.')}] ${done}/${total} events`);
    };
    const { events, millis } = await rebuildReadModels(
      infrastructure.dataSource,
      infrastructure.bus,
      referenceData,
      progress,
    );
    process.stderr.write('\n');
    const after = await readModelChecksums(infrastructure.dataSource);
    let equal = true;
    for (const table of Object.keys(after)) {
      const same = before[table] === after[table];
      equal &&= same;
      process.stdout.write(
        `${table.padEnd(22)} ${after[table]}  ${same ? 'identical' : 'CHANGED'}\n`,
      );
    }
    const rate = millis > 0 ? Math.round((events / millis) * 1000) : events;
    process.stdout.write(`Rebuilt ${events} events in ${millis} ms (${rate} events/s).\n`);
    return equal;
  } finally {
    await infrastructure.close();
  }
}
