// `node scripts/cpuprofile-summary.js <file.cpuprofile> [top]`: the top frames of a V8 CPU
// profile (node --cpu-prof) by self time and by inclusive time, and the self time per package.
const { readFileSync } = require('node:fs');

const [file, topArg] = process.argv.slice(2);
if (!file) {
  process.stderr.write('usage: node scripts/cpuprofile-summary.js <file.cpuprofile> [top]\n');
  process.exit(2);
}
const top = Number(topArg ?? 25);
const profile = JSON.parse(readFileSync(file, 'utf8'));
const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
const interval = (profile.endTime - profile.startTime) / profile.samples.length; // µs per sample
const selfSamples = new Map();
for (const id of profile.samples) selfSamples.set(id, (selfSamples.get(id) ?? 0) + 1);

const parent = new Map();
for (const node of profile.nodes)
  for (const child of node.children ?? []) parent.set(child, node.id);

const shortUrl = (url) =>
  url
    .replace(/^file:\/\//, '')
    .replace(/.*\/node_modules\//, 'nm:')
    .replace(/.*\/dist\//, '');
const label = (node) => {
  const { functionName, url, lineNumber } = node.callFrame;
  return `${functionName || '(anonymous)'} ${url ? `${shortUrl(url)}:${lineNumber + 1}` : ''}`.trim();
};
const packageOf = (node) => {
  const url = node.callFrame.url;
  if (!url)
    return node.callFrame.functionName.startsWith('(') ? node.callFrame.functionName : '(native)';
  const nm = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (nm) return nm[1];
  if (url.startsWith('node:')) return 'node:' + url.slice(5).split('/')[0];
  const dist = /dist\/(apps|libs)\/([^/]+)/.exec(url);
  return dist ? `${dist[1]}/${dist[2]}` : shortUrl(url);
};

const total = profile.samples.length;
const pct = (n) => `${((100 * n) / total).toFixed(1).padStart(5)} %`;

const bySelf = new Map();
const byPackage = new Map();
const inclusive = new Map();
for (const [id, count] of selfSamples) {
  const node = nodes.get(id);
  const key = label(node);
  bySelf.set(key, (bySelf.get(key) ?? 0) + count);
  const pkg = packageOf(node);
  byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + count);
  const seen = new Set();
  for (let at = id; at !== undefined; at = parent.get(at)) {
    const k = label(nodes.get(at));
    if (seen.has(k)) continue; // recursion counts once
    seen.add(k);
    inclusive.set(k, (inclusive.get(k) ?? 0) + count);
  }
}
const print = (title, map, n) => {
  process.stdout.write(`\n${title}\n`);
  for (const [key, count] of [...map].sort((a, b) => b[1] - a[1]).slice(0, n)) {
    process.stdout.write(`  ${pct(count)}  ${key}\n`);
  }
};
process.stdout.write(
  `${file}: ${total} samples, ${((total * interval) / 1e6).toFixed(1)} s, ${interval.toFixed(0)} µs each\n`,
);
print('self time by package', byPackage, 20);
print('self time by frame', bySelf, top);
print('inclusive time by frame', inclusive, top);
