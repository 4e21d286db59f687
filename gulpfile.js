// Copies what tsc does not emit into dist/: the node and credential icons, the codex files that describe
// each node to n8n's panel, and the package entry point. Run by `npm run build` after tsc.
const { rmSync } = require('fs');
const { src, dest, parallel } = require('gulp');

// Removed before each build, so that nothing of a deleted source file lingers in the package.
async function clean() {
	rmSync('dist', { recursive: true, force: true });
}

function copyIcons() {
	return src('icons/*.svg').pipe(dest('dist/icons'));
}

function copyCodexFiles() {
	return src('nodes/**/*.node.json').pipe(dest('dist/nodes'));
}

function copyEntryPoint() {
	return src('index.js').pipe(dest('dist'));
}

exports.clean = clean;
exports['build:assets'] = parallel(copyIcons, copyCodexFiles, copyEntryPoint);
