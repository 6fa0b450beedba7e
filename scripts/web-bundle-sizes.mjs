// Prints the gzip size of every JavaScript and CSS file of the built web app (web/dist), and the JavaScript a
// visitor's first page needs: the entry (index.html's script and its static imports) plus the landing page's
// chunk (src/pages/Landing.tsx when it exists, else src/pages/SignIn.tsx, where a signed-out visitor of "/" goes)
// and its static imports. Exits 1 when that exceeds the budget (WEB_LANDING_BUDGET_KB, KB = 1000 bytes gzipped).
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const dist = process.argv[2] ?? 'dist';
const budgetKb = Number(process.env.WEB_LANDING_BUDGET_KB ?? 125);
const manifest = JSON.parse(readFileSync(join(dist, '.vite', 'manifest.json'), 'utf8'));
const gz = (file) => gzipSync(readFileSync(join(dist, file)), { level: 9 }).length;
const kb = (bytes) => (bytes / 1000).toFixed(1).padStart(7) + ' KB';

const rows = readdirSync(join(dist, 'assets'))
  .filter((f) => /\.(js|css)$/.test(f))
  .map((f) => ({ file: `assets/${f}`, gzip: gz(`assets/${f}`) }))
  .sort((a, b) => b.gzip - a.gzip);
console.log('web app bundle (gzip -9):');
for (const r of rows) console.log(`  ${kb(r.gzip)}  ${r.file}`);
const jsTotal = rows.filter((r) => r.file.endsWith('.js')).reduce((s, r) => s + r.gzip, 0);
console.log(`  ${kb(jsTotal)}  all JavaScript`);

/** The chunk files `key` loads before it runs: itself and its static imports, transitively. */
function staticClosure(key, seen = new Set()) {
  const chunk = manifest[key];
  if (!chunk || seen.has(chunk.file)) return seen;
  seen.add(chunk.file);
  for (const dep of chunk.imports ?? []) staticClosure(dep, seen);
  return seen;
}
const landingPage = ['src/pages/Landing.tsx', 'src/pages/SignIn.tsx'].find((k) => manifest[k]);
const landing = staticClosure('index.html');
if (landingPage) staticClosure(landingPage, landing);
const landingJs = [...landing].filter((f) => f.endsWith('.js')).reduce((s, f) => s + gz(f), 0);
console.log(`  ${kb(landingJs)}  landing route JavaScript (entry + ${landingPage ?? 'no landing page'}), budget ${budgetKb} KB`);
if (landingJs > budgetKb * 1000) {
  console.error(`the landing route's JavaScript (${kb(landingJs).trim()}) is over its budget of ${budgetKb} KB gzipped`);
  process.exit(1);
}
