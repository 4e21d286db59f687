// Copies what tsc does not emit into dist/ (icons, codex files, the entry point): see ../shared/gulp.js.
// Run by `npm run build` (gulp clean, then tsc, then gulp build:assets).
module.exports = require('../shared/gulp');
