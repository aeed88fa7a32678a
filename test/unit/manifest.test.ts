/**
 * The marketplace manifest: every `%key%` of package.json has its string in
 * package.nls.json and no string there is unused; the l10n bundle holds exactly
 * the strings the code passes to `vscode.l10n.t` (so neither can go stale); the
 * keyboard shortcuts stay in `.mat` editors; the README's pictures are files
 * vsce accepts; and `npm run package` fails on a vsce warning.
 */
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, resolve } from 'node:path';
import { describe, test } from 'node:test';
import { getL10nJson } from '@vscode/l10n-dev';
import { packageExtension, vsceWarnings } from '../../scripts/package';

const ROOT = resolve(__dirname, '..', '..');
const manifestText = readFileSync(join(ROOT, 'package.json'), 'utf8');
const manifest = JSON.parse(manifestText);

function readJson(path: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(ROOT, path), 'utf8'));
}

/** Every `%key%` placeholder among the manifest's string values. */
function placeholders(value: unknown, found = new Set<string>()): Set<string> {
  if (typeof value === 'string') {
    const m = /^%([^%\s]+)%$/.exec(value);
    if (m) found.add(m[1]);
  } else if (Array.isArray(value)) {
    for (const item of value) placeholders(item, found);
  } else if (value && typeof value === 'object') {
    for (const item of Object.values(value)) placeholders(item, found);
  }
  return found;
}

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourceFiles(path));
    else if (/\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

describe('package.nls.json', () => {
  const nls = readJson('package.nls.json');

  test('holds a string for every %key% of package.json, and no other', () => {
    const used = placeholders(manifest);
    assert.ok(used.size >= 20, `only ${used.size} placeholders: are the manifest strings localized?`);
    const missing = [...used].filter((key) => !(key in nls));
    const unused = Object.keys(nls).filter((key) => !used.has(key));
    assert.deepEqual(missing, [], `placeholders without a string in package.nls.json: ${missing.join(', ')}`);
    assert.deepEqual(unused, [], `strings no placeholder uses: ${unused.join(', ')}`);
    for (const [key, value] of Object.entries(nls)) {
      assert.ok(typeof value === 'string' && value.trim(), `${key} is empty`);
    }
  });

  test('covers what the user reads: name, description, command titles, settings, colours', () => {
    assert.equal(manifest.displayName, '%displayName%');
    assert.equal(manifest.description, '%description%');
    for (const command of manifest.contributes.commands) {
      assert.match(command.title, /^%.+%$/, `${command.command} has a literal title`);
      assert.match(command.category, /^%.+%$/, `${command.command} has a literal category`);
    }
    for (const [key, setting] of Object.entries<Record<string, unknown>>(
      manifest.contributes.configuration.properties,
    )) {
      const description = setting.markdownDescription ?? setting.description;
      assert.match(String(description), /^%.+%$/, `${key} has a literal description`);
    }
    for (const color of manifest.contributes.colors) assert.match(color.description, /^%.+%$/);
    assert.match(manifest.capabilities.untrustedWorkspaces.description, /^%.+%$/);
  });
});

describe('l10n bundle', () => {
  const files = sourceFiles(join(ROOT, 'src'));

  test('package.json points VS Code at the bundle folder', () => {
    assert.equal(manifest.l10n, './l10n');
    assert.ok(
      existsSync(join(ROOT, 'l10n', 'bundle.l10n.json')),
      'l10n/bundle.l10n.json is missing: npm run l10n',
    );
  });

  test('holds exactly the strings src/ passes to vscode.l10n.t (npm run l10n regenerates it)', async () => {
    const bundle = readJson('l10n/bundle.l10n.json');
    const extracted = await getL10nJson(
      files.map((file) => ({ contents: readFileSync(file, 'utf8'), extension: extname(file) })),
    );
    assert.deepEqual(
      Object.keys(bundle).sort(),
      Object.keys(extracted).sort(),
      'l10n/bundle.l10n.json is stale: run npm run l10n',
    );
  });

  test('every literal vscode.l10n.t(...) call in src/ is in the bundle', () => {
    const bundle = readJson('l10n/bundle.l10n.json');
    const calls: string[] = [];
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/\bl10n\.t\(\s*'((?:[^'\\]|\\.)*)'/g))
        calls.push(m[1].replace(/\\'/g, "'"));
    }
    // The editor adapters' messages, lenses and diagnostics go through l10n.
    assert.ok(calls.length >= 10, `only ${calls.length} l10n.t calls found in src/`);
    const missing = calls.filter((message) => !(message in bundle));
    assert.deepEqual(missing, [], 'strings missing from l10n/bundle.l10n.json: run npm run l10n');
  });
});

describe('keyboard shortcuts', () => {
  test('each runs a contributed command, only in .mat editors', () => {
    const commands = new Set(manifest.contributes.commands.map((c: { command: string }) => c.command));
    const keybindings: { command: string; key: string; when?: string }[] = manifest.contributes.keybindings;
    assert.ok(keybindings.length >= 3, 'the most used commands should have a shortcut');
    for (const binding of keybindings) {
      assert.ok(
        commands.has(binding.command),
        `${binding.key} runs ${binding.command}, not a contributed command`,
      );
      assert.match(
        binding.when ?? '',
        /\beditorLangId == mat\b/,
        `${binding.key} is not scoped to .mat editors`,
      );
    }
    const keys = keybindings.map((b) => b.key);
    assert.equal(new Set(keys).size, keys.length, `a key is bound twice: ${keys.join(', ')}`);
  });
});

describe('marketplace fields', () => {
  test('a repository, so vsce needs no --allow-missing-repository and rewrites README links', () => {
    assert.match(manifest.repository?.url ?? '', /^https:\/\/github\.com\/[\w.-]+\/[\w.-]+(\.git)?$/);
    assert.doesNotMatch(manifestText, /allow-missing-repository/);
  });

  test('the README shows PNG or GIF pictures that exist under media/screenshots/', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    // vsce only rewrites ![alt](path) when alt holds no square brackets: a picture it misses breaks the package.
    const images = [...readme.matchAll(/!\[[^\][]*\]\(([^)\s]+)\)/g)].map((m) => m[1]);
    assert.equal(images.length, readme.split('![').length - 1, 'a picture whose alt text has [ or ]');
    assert.ok(images.length >= 4, `the README has ${images.length} pictures`);
    for (const image of images) {
      assert.match(
        image,
        /^media\/screenshots\/[\w.-]+\.(png|gif)$/,
        `${image}: vsce rejects SVG and needs a relative path`,
      );
      assert.ok(existsSync(join(ROOT, image)), `${image} does not exist: npm run pictures`);
    }
  });
});

describe('npm run package treats vsce warnings as failures', () => {
  test('vsceWarnings reads vsce’s warning badges, over several lines', () => {
    const output = [
      'Executing prepublish script...',
      " WARNING  A 'repository' field is missing from the 'package.json' manifest file.",
      'Use --allow-missing-repository to bypass.',
      'Do you want to continue? [y/N] ',
      ' WARNING  LICENSE not found',
      '',
      ' DONE  Packaged: x.vsix (3 files, 1 KB)',
    ].join('\n');
    assert.deepEqual(vsceWarnings(output), [
      "A 'repository' field is missing from the 'package.json' manifest file.\nUse --allow-missing-repository to bypass.",
      'LICENSE not found',
    ]);
    assert.deepEqual(vsceWarnings(' DONE  Packaged: x.vsix (3 files, 1 KB)\n'), []);
    assert.deepEqual(vsceWarnings('\u001b[43m\u001b[30m WARNING \u001b[39m\u001b[49m LICENSE not found\n'), [
      'LICENSE not found',
    ]);
  });

  test('a real vsce run: a manifest without repository warns, with one it is clean', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mat-package-'));
    try {
      const base = {
        name: 'tiny',
        publisher: 'someone',
        version: '0.0.1',
        engines: { vscode: '^1.100.0' },
        main: './extension.js',
        activationEvents: ['onStartupFinished'],
        license: 'MIT',
      };
      writeFileSync(join(dir, 'extension.js'), 'exports.activate = () => {};\n');
      writeFileSync(join(dir, 'README.md'), '# tiny\n\nA test extension.\n');
      writeFileSync(join(dir, '.vscodeignore'), '*.vsix\n');
      cpSync(join(ROOT, 'LICENSE'), join(dir, 'LICENSE'));
      writeFileSync(join(dir, 'package.json'), JSON.stringify(base));
      const warned = await packageExtension({ cwd: dir, out: join(dir, 'a.vsix') });
      assert.equal(warned.exitCode, 0, warned.output);
      assert.ok(
        warned.warnings.some((w) => /repository/.test(w)),
        `no repository warning in:\n${warned.output}`,
      );
      writeFileSync(
        join(dir, 'package.json'),
        JSON.stringify({ ...base, repository: { type: 'git', url: 'https://github.com/someone/tiny.git' } }),
      );
      const clean = await packageExtension({ cwd: dir, out: join(dir, 'b.vsix') });
      assert.equal(clean.exitCode, 0, clean.output);
      assert.deepEqual(clean.warnings, [], clean.output);
      assert.ok(clean.vsix, 'no .vsix written');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
