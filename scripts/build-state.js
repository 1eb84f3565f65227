// Decides whether the compiled output in dist/ is older than the sources, so `npm start`,
// `npm run cli` and `npm run bench` build only when needed.
const { existsSync, readdirSync, statSync } = require('node:fs');
const { join } = require('node:path');
const { execSync } = require('node:child_process');

const root = join(__dirname, '..');
const stamp = join(root, 'dist', '.build-stamp');
const SOURCES = [
  'apps',
  'libs',
  'bench',
  'tsconfig.base.json',
  'tsconfig.build.json',
  'package-lock.json',
];

function newestMtime(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules') continue;
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

function isBuildCurrent() {
  if (!existsSync(stamp)) return false;
  const built = statSync(stamp).mtimeMs;
  return SOURCES.every(
    (source) => !existsSync(join(root, source)) || newestMtime(join(root, source)) <= built,
  );
}

function ensureBuild() {
  if (isBuildCurrent()) return;
  process.stderr.write('Building Weerbaar (first start or sources changed)…\n');
  execSync('npm run --silent build', { cwd: root, stdio: 'inherit' });
}

module.exports = { ensureBuild, root };
