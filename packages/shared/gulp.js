// The build's asset step, the same for both packages: what tsc does not emit goes into dist/, where the compiled
// node files refer to it (the icons, the codex files that describe each node to n8n's nodes panel, the package
// entry point). Each package's gulpfile.js is `module.exports = require('../shared/gulp')`.
const { rmSync } = require('fs');
const { src, dest, parallel } = require('gulp');

// Removed before each build, so that nothing of a deleted source file lingers in the package.
async function clean() {
	rmSync('dist', { recursive: true, force: true });
}

const copyIcons = () => src('icons/*.svg').pipe(dest('dist/icons'));
const copyCodexFiles = () => src('nodes/*/*.node.json').pipe(dest('dist/nodes'));
const copyEntryPoint = () => src('index.js').pipe(dest('dist'));

module.exports = { clean, 'build:assets': parallel(copyIcons, copyCodexFiles, copyEntryPoint) };
