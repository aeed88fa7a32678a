/**
 * What users install: unpacks dist/matrix-playground.vsix (built by `npm run
 * package`; scripts/test.sh packages before the unit tests) and checks its
 * file list: the bundles, media, grammar, examples, manifest, strings, README,
 * CHANGELOG and LICENSE, and nothing else: no sources, tests, node_modules,
 * TypeScript or source maps. Skipped, saying why, when the .vsix is not built.
 */
import assert from 'node:assert/strict';
import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, test } from 'node:test';
import yauzl from 'yauzl';

const ROOT = resolve(__dirname, '..', '..');
const VSIX = process.env.VSIX ?? join(ROOT, 'dist', 'matrix-playground.vsix');
const skip = existsSync(VSIX) ? false : `${VSIX} is not built: run npm run package (npm test does)`;

/** The entries of a zip file: names and uncompressed sizes, without extracting anything. */
function zipEntries(file: string): Promise<{ name: string; size: number }[]> {
  return new Promise((res, rej) => {
    yauzl.open(file, { lazyEntries: true }, (error, zip) => {
      if (error || !zip) return rej(error ?? new Error(`cannot open ${file}`));
      const entries: { name: string; size: number }[] = [];
      zip.on('entry', (entry: yauzl.Entry) => {
        entries.push({ name: entry.fileName, size: entry.uncompressedSize });
        zip.readEntry();
      });
      zip.on('end', () => res(entries));
      zip.on('error', rej);
      zip.readEntry();
    });
  });
}

/** One entry's text. */
function zipText(file: string, name: string): Promise<string> {
  return new Promise((res, rej) => {
    yauzl.open(file, { lazyEntries: true }, (error, zip) => {
      if (error || !zip) return rej(error ?? new Error(`cannot open ${file}`));
      zip.on('entry', (entry: yauzl.Entry) => {
        if (entry.fileName !== name) return zip.readEntry();
        zip.openReadStream(entry, (streamError, stream) => {
          if (streamError || !stream) return rej(streamError);
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => {
            zip.close();
            res(Buffer.concat(chunks).toString('utf8'));
          });
        });
      });
      zip.on('end', () => rej(new Error(`${name} is not in ${file}`)));
      zip.readEntry();
    });
  });
}

/** What may be in the package, under `extension/` (vsce's own two files sit at the top). */
const ALLOWED: RegExp[] = [
  /^\[Content_Types\]\.xml$/,
  /^extension\.vsixmanifest$/,
  /^extension\/package\.json$/,
  /^extension\/package\.nls(\.[\w-]+)?\.json$/,
  /^extension\/l10n\/bundle\.l10n(\.[\w-]+)?\.json$/,
  /^extension\/(readme|changelog)\.md$/,
  /^extension\/LICENSE\.txt$/,
  /^extension\/language-configuration\.json$/,
  // The bundles (node and, later, web builds) and the webview's bundled script and CSS.
  /^extension\/dist\/(web\/)?[\w.-]+\.js$/,
  /^extension\/dist\/webview\/[\w.-]+\.(js|css)$/,
  /^extension\/media\/(?!screenshots\/)[\w./-]+\.(png|svg|css)$/,
  /^extension\/syntaxes\/[\w.-]+\.json$/,
  /^extension\/examples\/[\w.-]+\.mat$/,
];

const REQUIRED = [
  'extension/package.json',
  'extension/package.nls.json',
  'extension/l10n/bundle.l10n.json',
  'extension/readme.md',
  'extension/changelog.md',
  'extension/LICENSE.txt',
  'extension/language-configuration.json',
  'extension/dist/extension.js',
  'extension/dist/worker.js',
  'extension/dist/webview/playground.js',
  'extension/media/icon.png',
  'extension/syntaxes/mat.tmLanguage.json',
  'extension/examples/seed.mat',
];

describe('the packaged .vsix', { skip }, () => {
  test('holds only the bundles, media, grammar, examples, manifest, strings and docs', async () => {
    const names = (await zipEntries(VSIX)).map((e) => e.name);
    const unexpected = names.filter((name) => !ALLOWED.some((re) => re.test(name)));
    assert.deepEqual(unexpected, [], `files that do not belong in the .vsix (see .vscodeignore)`);
    const missing = REQUIRED.filter((name) => !names.includes(name));
    assert.deepEqual(missing, [], 'files the extension needs are missing');
  });

  test('no sources, tests, node_modules, TypeScript, source maps or the command-line bundle', async () => {
    const names = (await zipEntries(VSIX)).map((e) => e.name);
    const forbidden = names.filter((name) =>
      /(^|\/)(src|test|node_modules|scripts|bench|\.cache|screenshots)\/|\.tsx?$|\.map$|^extension\/dist\/cli\.js$/.test(
        name,
      ),
    );
    assert.deepEqual(forbidden, []);
  });

  // The engine is in the package five times (evaluation and playground workers, for Node and
  // the web, and the web extension), about 185 KB compressed each: with the LAPACK ports and
  // NumPy's random distributions it passed 1 MB. One shared engine bundle is the lever that
  // would take it well under again; until then the limit keeps growth visible.
  test('is small: under 1.25 MB', () => {
    const bytes = statSync(VSIX).size;
    assert.ok(bytes < 1.25 * 1024 * 1024, `${(bytes / 1024).toFixed(0)} KB`);
  });

  test('its README points at pictures by absolute URL (vsce rewrote the relative paths)', async () => {
    const readme = await zipText(VSIX, 'extension/readme.md');
    const images = [...readme.matchAll(/!\[[^\]]*\]\(([^)\s]+)\)/g)].map((m) => m[1]);
    assert.ok(images.length > 0, 'the packaged README shows no picture');
    for (const image of images)
      assert.match(image, /^https:\/\/github\.com\/.+\/media\/screenshots\/[\w.-]+\.(png|gif)$/);
  });

  test('its package.json keeps the %placeholders% VS Code fills from package.nls.json', async () => {
    const packaged = JSON.parse(await zipText(VSIX, 'extension/package.json'));
    assert.equal(packaged.displayName, '%displayName%');
    assert.equal(packaged.l10n, './l10n');
    const nls = JSON.parse(await zipText(VSIX, 'extension/package.nls.json'));
    assert.equal(nls.displayName, 'Matrix Playground');
  });
});
