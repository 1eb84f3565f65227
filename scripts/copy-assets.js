// Copies what the compiled code reads at run time (reference data) next to it in dist/ and
// marks the build as current.
const { cpSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
cpSync(join(root, 'libs/reference-data/data'), join(root, 'dist/libs/reference-data/data'), {
  recursive: true,
});
writeFileSync(join(root, 'dist/.build-stamp'), new Date().toISOString());
