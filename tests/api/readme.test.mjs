// The README's configuration table lists every setting the binary knows, with its default.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { REPO, BIN } from './harness.mjs';

test('README documents every KIOREX_* setting with the default the binary uses', () => {
  const readme = readFileSync(join(REPO, 'README.md'), 'utf8');
  const lines = execFileSync(BIN, ['config'], { encoding: 'utf8' }).trim().split('\n');
  assert.ok(lines.length >= 40);
  for (const line of lines) {
    const [, name, def] = line.match(/^(\S+)\s{2,}(.+?)\s{2,}/) ?? [];
    assert.ok(name, `unparsed line: ${line}`);
    assert.ok(readme.includes(`| \`${name}\` | ${def} |`), `${name} (default ${def}) is missing from README.md`);
  }
});

test('README names the two commands and the demo logins', () => {
  const readme = readFileSync(join(REPO, 'README.md'), 'utf8');
  for (const s of ['make run', 'make test', 'patient@kiorex.test', 'admin@kiorex.test', 'KIOREX_DATABASE_URL=postgresql://'])
    assert.ok(readme.includes(s), s);
});
