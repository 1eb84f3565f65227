// Creates the events topic at start when it is missing, with the configured partitions,
// replication and retention. An existing topic is left as it is: more partitions would move
// municipalities to other partitions, and the events of one municipality would then no longer
// be read in order (repartitioning is an operator's migration, not a start-up step).
import type { Admin } from 'kafkajs';

export interface EventsTopicSettings {
  topic: string;
  partitions: number;
  replicationFactor: number;
  retentionMs: number;
}

/** Returns the topic's partition count, which may differ from the configured one. */
export async function ensureEventsTopic(
  admin: Admin,
  settings: EventsTopicSettings,
): Promise<{ created: boolean; partitions: number }> {
  const existing = await admin.listTopics();
  if (!existing.includes(settings.topic)) {
    await admin.createTopics({
      waitForLeaders: true,
      topics: [
        {
          topic: settings.topic,
          numPartitions: settings.partitions,
          replicationFactor: settings.replicationFactor,
          configEntries: [
            { name: 'retention.ms', value: String(settings.retentionMs) },
            { name: 'min.insync.replicas', value: String(Math.min(2, settings.replicationFactor)) },
          ],
        },
      ],
    });
    return { created: true, partitions: settings.partitions };
  }
  const [metadata] = (await admin.fetchTopicMetadata({ topics: [settings.topic] })).topics;
  return { created: false, partitions: metadata.partitions.length };
}
