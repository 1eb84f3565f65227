// `npm run cli -- <command>`: builds if needed, then runs the operator CLI.
const { ensureBuild, root } = require('./build-state');
const { join } = require('node:path');

ensureBuild();
require(join(root, 'dist/apps/cli/src/main.js'));
