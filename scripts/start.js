// `npm start`: builds if needed, then runs the embedded platform in this process's place.
const { ensureBuild, root } = require('./build-state');
const { join } = require('node:path');

ensureBuild();
require(join(root, 'dist/apps/platform/src/main.js'));
