#!/usr/bin/env node
/* eslint-disable no-console */
/*
 * Summarizes a V8 CPU profile (node --cpu-prof) of the benchmark's backend:
 * where the time goes, by self time and by inclusive time (each function
 * counted once per sample, however deep it recurses).
 *
 *   node bench/mcp/summarizeProfile.js <file.cpuprofile> [--top 30] [--match text]
 */
const fs = require('node:fs');
const path = require('node:path');

const file = process.argv[2];
const top = Number(process.argv[process.argv.indexOf('--top') + 1]) || 30;
const matchIndex = process.argv.indexOf('--match');
const match = matchIndex > 0 ? process.argv[matchIndex + 1] : undefined;
const profile = JSON.parse(fs.readFileSync(file, 'utf8'));
const root = path.resolve(__dirname, '../..');

const byId = new Map(profile.nodes.map(n => [n.id, n]));
const parent = new Map();
for (const node of profile.nodes) {
  for (const child of node.children ?? []) parent.set(child, node.id);
}

function keyOf(node) {
  const { functionName, url, lineNumber } = node.callFrame;
  const where = url
    ? url.replace(`file://${root}/`, '').replace(/^.*node_modules\//, '~/')
    : '';
  return `${functionName || '(anonymous)'} ${where}${
    where ? `:${lineNumber + 1}` : ''
  }`;
}

const self = new Map();
const inclusive = new Map();
let total = 0;
profile.samples.forEach((id, i) => {
  const delta = profile.timeDeltas[i] ?? 0;
  total += delta;
  const node = byId.get(id);
  const k = keyOf(node);
  self.set(k, (self.get(k) ?? 0) + delta);
  const seen = new Set();
  for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
    const key = keyOf(byId.get(cur));
    if (seen.has(key)) continue;
    seen.add(key);
    inclusive.set(key, (inclusive.get(key) ?? 0) + delta);
  }
});

const ms = us =>
  `${(us / 1000).toFixed(0).padStart(7)} ms ${((100 * us) / total)
    .toFixed(1)
    .padStart(5)}%`;
function print(title, map) {
  console.log(`\n${title}`);
  [...map.entries()]
    .filter(([k]) => !match || k.includes(match))
    .filter(
      ([k]) =>
        !/^\((root|program|idle|garbage collector)\)/.test(k) ||
        title.startsWith('Self'),
    )
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .forEach(([k, v]) => console.log(`${ms(v)}  ${k}`));
}
console.log(`${file}: ${(total / 1000).toFixed(0)} ms sampled`);
print('Self time', self);
print('Inclusive time', inclusive);
