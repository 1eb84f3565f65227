// `KAFKA_BROKERS=… node infra/local/topic-events.js <event type> <count> [topic]`: reads the events
// topic from its beginning as a consumer group of its own, as any other consumer would, until it
// has seen <count> events of <event type>. Each must carry the headers that identify it (event
// id, type, schema version, global position, stream, recorded time, correlation id) and be keyed
// by its municipality. Prints one line per event; exits 1 after 30 s without them.
const { randomUUID } = require('node:crypto');
const { Kafka, logLevel } = require('kafkajs');

const [type, wanted, topic = 'ondermijning.events.v1'] = process.argv.slice(2);
const REQUIRED = [
  'event-id',
  'event-type',
  'schema-version',
  'global-position',
  'stream-id',
  'stream-revision',
  'recorded-at',
  'correlation-id',
];

async function main() {
  const kafka = new Kafka({
    brokers: process.env.KAFKA_BROKERS.split(','),
    logLevel: logLevel.NOTHING,
  });
  const consumer = kafka.consumer({ groupId: `topic-events-${randomUUID()}` });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  let seen = 0;
  const done = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`saw ${seen} ${type} events in 30 s`)), 30_000);
    void consumer.run({
      eachMessage: async ({ partition, message }) => {
        const headers = Object.fromEntries(
          Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v)]),
        );
        if (headers['event-type'] !== type) return;
        const missing = REQUIRED.filter((name) => !headers[name]);
        const key = String(message.key);
        if (missing.length > 0) reject(new Error(`an event without ${missing.join(', ')}`));
        if (!/^GM\d{4}$/.test(key)) reject(new Error(`an event keyed ${key}, not by municipality`));
        process.stdout.write(
          `${type} ${headers['event-id']} key ${key} partition ${partition} at ${headers['global-position']}\n`,
        );
        if (++seen >= Number(wanted)) {
          clearTimeout(timer);
          resolve();
        }
      },
    });
  });
  try {
    await done;
  } finally {
    await consumer.disconnect();
  }
}

main().catch((error) => {
  process.stderr.write(`topic-events: ${error.message}\n`);
  process.exit(1);
});
