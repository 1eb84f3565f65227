// `npm run start:distributed`: builds when the sources changed, then runs the distributed shape
// on one machine (apps/local-cluster).
const { join } = require('node:path');
const { ensureBuild, root } = require('./build-state');

ensureBuild();
require(join(root, 'dist/apps/local-cluster/src/main.js'));
