#!/usr/bin/env node
/*
 * The plugin's share of the built app, from `yarn workspace app build`:
 * every chunk whose source map holds plugin code, or only code the plugin
 * alone brings in (MUI 7, MUI X Charts), with raw and gzip sizes and whether
 * it loads with the first page (in index.html) or on demand. Prints figures.
 *
 *   yarn workspace app build && node bench/frontend/bundle-size.js
 */
const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');

const dist = path.resolve(__dirname, '../../packages/app/dist');
const staticDir = path.join(dist, 'static');
const html = fs.readFileSync(path.join(dist, 'index.html'), 'utf8');
const initial = new Set(
  [...html.matchAll(/static\/([^"']+\.js)/g)].map(m => m[1]),
);
// dist/static may keep chunks of earlier builds: a lazy chunk is current when
// the webpack runtime of this build names its content hash.
const runtime = [...initial]
  .filter(f => f.startsWith('runtime.'))
  .map(f => fs.readFileSync(path.join(staticDir, f), 'utf8'))
  .join('');
const isCurrent = file => {
  if (initial.has(file)) return true;
  const m = /^[^.]+\.([0-9a-f]+)\.chunk\.js$/.exec(file);
  return Boolean(m && runtime.includes(m[1]));
};

const groups = [
  ['plugin', /\/plugins\/ai-platform\/(src|package\.json)/],
  ['common', /\/plugins\/ai-platform-common\//],
  // Root-level MUI 7 packages; @backstage/theme keeps its own nested MUI 5.
  [
    'mui7',
    /\.\.\/node_modules\/@mui\/(material|system|icons-material|x-[a-z-]+|utils|styled-engine|private-theming|types)\//,
  ],
  // What MUI X Charts and MUI 7 popups bring along.
  [
    'chart-deps',
    /node_modules\/(d3-|internmap|delaunator|robust-predicates|flatqueue|reselect|use-sync-external-store|bezier-easing|@popperjs)/,
  ],
];
const classify = source =>
  (groups.find(([, re]) => re.test(source)) ?? ['other'])[0];

const kb = n => `${(n / 1024).toFixed(1)} KiB`;
const rows = [];
for (const map of fs
  .readdirSync(staticDir)
  .filter(f => f.endsWith('.js.map'))) {
  const file = map.slice(0, -4);
  if (!isCurrent(file)) continue;
  const m = JSON.parse(fs.readFileSync(path.join(staticDir, map), 'utf8'));
  const weight = {};
  m.sources.forEach((s, i) => {
    const g = classify(s);
    weight[g] = (weight[g] ?? 0) + (m.sourcesContent?.[i]?.length ?? 0);
  });
  const total = Object.values(weight).reduce((a, b) => a + b, 0) || 1;
  const hasPlugin = (weight.plugin ?? 0) + (weight.common ?? 0) > 0;
  // Chunks of the plugin's own dependencies; webpack may add a few shared modules (< 15%, e.g. EmptyState images).
  const onlyPluginDeps =
    (weight.other ?? 0) / total < 0.15 &&
    (weight.mui7 ?? 0) + (weight['chart-deps'] ?? 0) > 0;
  if (!hasPlugin && !onlyPluginDeps) continue;
  const code = fs.readFileSync(path.join(staticDir, file));
  rows.push({
    file,
    initial: initial.has(file),
    raw: code.length,
    gzip: zlib.gzipSync(code, { level: 9 }).length,
    mix: Object.entries(weight)
      .sort((a, b) => b[1] - a[1])
      .map(([g, w]) => `${g} ${Math.round((100 * w) / total)}%`)
      .join(', '),
  });
}
rows.sort((a, b) => Number(b.initial) - Number(a.initial) || b.raw - a.raw);
console.log(
  'chunk'.padEnd(42),
  'loads'.padEnd(9),
  'raw'.padStart(11),
  'gzip'.padStart(11),
  '  composition (by source size)',
);
for (const r of rows) {
  console.log(
    r.file.padEnd(42),
    (r.initial ? 'initial' : 'lazy').padEnd(9),
    kb(r.raw).padStart(11),
    kb(r.gzip).padStart(11),
    ` ${r.mix}`,
  );
}
const sum = (pred, key) => rows.filter(pred).reduce((a, r) => a + r[key], 0);
console.log(
  `\ninitial (every page): ${kb(sum(r => r.initial, 'raw'))} raw, ${kb(
    sum(r => r.initial, 'gzip'),
  )} gzip, in chunks shared with the app shell (see composition)`,
);
console.log(
  `lazy (AI Platform pages and entity views): ${kb(
    sum(r => !r.initial, 'raw'),
  )} raw, ${kb(sum(r => !r.initial, 'gzip'))} gzip`,
);
