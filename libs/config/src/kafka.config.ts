// The settings of the distributed shape's broker: where it is, and the events topic's partitions,
// replication and retention (created at start with these). Read by loadConfig, validated with it.

export interface KafkaConfig {
  /** host:port of the bootstrap brokers (KAFKA_BROKERS, comma-separated). */
  brokers: string[];
  /** KAFKA_TOPIC (default ondermijning.events.v1). */
  topic: string;
  /** KAFKA_TOPIC_PARTITIONS (default 12): the most consumers of one group that can share work. */
  partitions: number;
  /** KAFKA_TOPIC_REPLICATION (default 1, a single local broker; 3 in production). */
  replicationFactor: number;
  /**
   * KAFKA_RETENTION_DAYS (default 7): how long the topic keeps messages. The event store keeps
   * everything; the topic only has to cover the longest outage of a consumer.
   */
  retentionMs: number;
}

type Env = Record<string, string | undefined>;

const DAY_MS = 86_400_000;

/** undefined without KAFKA_BROKERS: the embedded shape, with the in-process bus. */
export function parseKafkaConfig(env: Env, problems: string[]): KafkaConfig | undefined {
  const brokers = env.KAFKA_BROKERS?.split(',')
    .map((b) => b.trim())
    .filter(Boolean);
  if (!brokers || brokers.length === 0) return undefined;
  for (const broker of brokers) {
    if (!/^[A-Za-z0-9.-]+:\d{1,5}$/.test(broker)) {
      problems.push(`KAFKA_BROKERS: "${broker}" is not host:port`);
    }
  }
  const whole = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name]?.trim();
    if (!raw) return fallback;
    const value = Number(raw);
    if (!/^\d+$/.test(raw) || value < min || value > max) {
      problems.push(`${name} must be a whole number ${min}–${max}, got "${raw}"`);
    }
    return value;
  };
  const topic = env.KAFKA_TOPIC?.trim() || 'ondermijning.events.v1';
  if (!/^[A-Za-z0-9._-]{1,249}$/.test(topic))
    problems.push(`KAFKA_TOPIC: "${topic}" is no topic name`);
  return {
    brokers,
    topic,
    partitions: whole('KAFKA_TOPIC_PARTITIONS', 12, 1, 1_000),
    replicationFactor: whole('KAFKA_TOPIC_REPLICATION', 1, 1, 10),
    retentionMs: whole('KAFKA_RETENTION_DAYS', 7, 1, 3_650) * DAY_MS,
  };
}
