import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lex, type Token } from '../../src/engine/lexer';
import { LineIndex } from '../../src/engine/positions';

/** `kind:text` for each token but the final newline/eof, for compact expectations. */
function kinds(src: string): string[] {
  return lex(src)
    .tokens.filter((t) => t.kind !== 'eof')
    .map((t) => (t.kind === 'newline' ? 'NL' : `${t.kind}:${t.kind === 'error' ? t.message : t.text}`));
}

function only(src: string): Token {
  const toks = lex(src).tokens.filter((t) => t.kind !== 'newline' && t.kind !== 'eof');
  assert.equal(toks.length, 1, `one token in ${JSON.stringify(src)}: ${JSON.stringify(toks)}`);
  return toks[0];
}

describe('lexer: numbers', () => {
  const cases: [string, number, boolean][] = [
    ['3', 3, true],
    ['.5', 0.5, false],
    ['1e-3', 0.001, false],
    ['1E5', 100000, false],
    ['3.', 3, false],
    ['3.14', 3.14, false],
    ['1_000', 1000, true],
    ['1_000.5e1_0', 1000.5e10, false],
    ['0x1F', 31, true],
    ['0o17', 15, true],
    ['0b101', 5, true],
    ['0', 0, true],
    ['00', 0, true],
    ['0.5', 0.5, false],
  ];
  for (const [src, value, isInt] of cases) {
    it(`reads ${src}`, () => {
      const t = only(src);
      assert.equal(t.kind, 'number');
      assert.equal(t.value, value);
      assert.equal(t.isInt, isInt);
      assert.deepEqual([t.start, t.end], [0, src.length]);
    });
  }

  const errors: [string, RegExp][] = [
    ['1jx', /invalid imaginary literal/],
    ['0x1g', /invalid hexadecimal literal/],
    ['0o8', /invalid digit '8' in octal literal/],
    ['0b102', /invalid digit '2' in binary literal/],
    ['0x10j', /invalid hexadecimal literal/],
    ['3x', /invalid decimal literal/],
    ['1__0', /invalid decimal literal/],
    ['1_', /invalid decimal literal/],
    ['007', /leading zeros/],
  ];
  for (const [src, message] of errors) {
    it(`rejects ${src} as one error token`, () => {
      const t = only(src);
      assert.equal(t.kind, 'error');
      assert.match(t.message!, message);
      assert.deepEqual([t.start, t.end], [0, src.length]);
    });
  }
});

describe('lexer: imaginary and big literals', () => {
  it('reads 2j and 1.5J as imaginary numbers', () => {
    for (const [src, value] of [
      ['2j', 2],
      ['1.5J', 1.5],
      ['1e3j', 1000],
      ['0j', 0],
    ] as const) {
      const t = only(src);
      assert.deepEqual(
        [t.kind, t.value, t.isInt, t.imaginary, t.end],
        ['number', value, false, true, src.length],
      );
    }
  });

  it('keeps the exact digits of ints beyond 2**53', () => {
    const t = only('10000000000000000000000');
    assert.equal(t.big, '10000000000000000000000');
    assert.equal(t.value, 1e22);
    assert.equal(only('9007199254740993').big, '9007199254740993');
    assert.equal(only('9007199254740992').big, undefined, '2**53 itself is exact');
    assert.equal(only('0xFFFF_FFFF_FFFF_FFFF').big, '18446744073709551615');
    assert.equal(only('1_000').big, undefined);
  });
});

describe('lexer: names, strings, operators', () => {
  it('reads ASCII and non-ASCII identifiers', () => {
    assert.deepEqual(kinds('a_1 = π + données'), [
      'name:a_1',
      'op:=',
      'name:π',
      'op:+',
      'name:données',
      'NL',
    ]);
  });

  it('decodes string escapes and keeps raw strings raw', () => {
    assert.equal(only(String.raw`'a\tb\n\'q\''`).text, "a\tb\n'q'");
    assert.equal(only(String.raw`"\x41\u00e9\101"`).text, 'Aé' + 'A');
    assert.equal(only(String.raw`r'\n'`).text, String.raw`\n`);
    const s = only(`dtype='float'`.slice(6));
    assert.deepEqual([s.kind, s.text, s.start, s.end], ['string', 'float', 0, 7]);
    assert.equal(only(`'''a\nb'''`).text, 'a\nb');
    assert.equal(only(`f'x'`).prefix, 'f');
  });

  it('reports unterminated strings without swallowing the next line', () => {
    assert.deepEqual(kinds("x = 'abc\ny = 2"), [
      'name:x',
      'op:=',
      'error:unterminated string literal',
      'NL',
      'name:y',
      'op:=',
      'number:2',
      'NL',
    ]);
    assert.match(only('"""abc').message!, /unterminated triple-quoted/);
  });

  it('matches the longest operator', () => {
    const ops = '+ - * / // % ** @ == != < <= > >= = += -= *= /= //= %= **= @= ( ) [ ] , : ; . ~ & | ^';
    assert.deepEqual(
      kinds(ops).filter((k) => k !== 'NL'),
      ops.split(' ').map((o) => `op:${o}`),
    );
    assert.deepEqual(kinds('a**=-2'), ['name:a', 'op:**=', 'op:-', 'number:2', 'NL']);
  });

  it('turns unknown characters into error tokens and never throws', () => {
    assert.deepEqual(kinds('a $$ b'), ['name:a', "error:invalid character '$' (U+0024)", 'name:b', 'NL']);
    assert.match(only('\0').message!, /null bytes/);
    assert.match(lex('\u00a0x').tokens[0].message!, /non-printable/);
    assert.match(only('\u2212').message!, /use '-'/);
    assert.match(only('!').message!, /invalid character '!'/);
  });
});

describe('lexer: lines, comments, indentation', () => {
  it('keeps comments aside with their ranges', () => {
    const src = 'a = 1  # note\n# %% Cell two\n';
    const r = lex(src);
    assert.deepEqual(
      r.comments.map((c) => [c.text, src.slice(c.start, c.end)]),
      [
        ['# note', '# note'],
        ['# %% Cell two', '# %% Cell two'],
      ],
    );
    assert.deepEqual(kinds(src), ['name:a', 'op:=', 'number:1', 'NL']);
  });

  it('joins lines inside brackets and after a backslash', () => {
    assert.deepEqual(kinds('a = [1,\n  2]\nb = 1 + \\\n  2\n'), [
      'name:a',
      'op:=',
      'op:[',
      'number:1',
      'op:,',
      'number:2',
      'op:]',
      'NL',
      'name:b',
      'op:=',
      'number:1',
      'op:+',
      'number:2',
      'NL',
    ]);
  });

  it('records indentation per logical line, counting tabs to multiples of 8', () => {
    const r = lex('a\n    b\n\tc\n  \td\n\n# x\ne');
    assert.deepEqual(
      r.lines.map((l) => l.indent),
      [0, 4, 8, 8, 0],
    );
    assert.deepEqual(
      r.lines.map((l) => r.tokens[l.first].text),
      ['a', 'b', 'c', 'd', 'e'],
    );
  });

  it('handles CRLF, lone CR and a BOM', () => {
    const src = '\ufeffa = 1\r\nb = 2\rc = 3';
    const r = lex(src);
    assert.equal(r.lines.length, 3);
    assert.equal(r.tokens[0].start, 1);
    const nl = r.tokens[r.lines[0].newline];
    assert.equal(src.slice(nl.start, nl.end), '\r\n');
    assert.deepEqual(
      r.lines.map((l) => src.slice(r.tokens[l.first].start, r.tokens[l.newline - 1].end)),
      ['a = 1', 'b = 2', 'c = 3'],
    );
  });

  it('ends a line left open by an unclosed bracket where a new statement clearly starts', () => {
    const r = lex('c = f(a, b\nd = 2\nx = f(1,\n      axis=0)\ny = [1, 2\nprint(y)\nz = (1\n# %%\nw');
    const texts = r.lines.map((l) => r.tokens[l.first].text);
    assert.deepEqual(texts, ['c', 'd', 'x', 'y', 'print', 'z', 'w']);
    assert.deepEqual(
      r.lines.map((l) => l.unclosed),
      [true, false, false, true, false, true, false],
    );
  });

  it('stays linear on 100,000 open brackets and a 5 MB line', () => {
    // Quadratic work on these inputs would take hours; the bound only has to catch that.
    const cpu = process.cpuUsage();
    assert.equal(lex('('.repeat(100_000)).tokens.length, 100_002);
    const long = `x = [${'1, '.repeat(1_700_000)}1]`;
    assert.ok(long.length > 5_000_000);
    assert.equal(lex(long).lines.length, 1);
    assert.ok(process.cpuUsage(cpu).user < 20_000_000);
  });
});

describe('LineIndex', () => {
  it('maps offsets and positions both ways for \\n, \\r\\n and \\r', () => {
    const text = 'ab\ncd\r\nef\rg';
    const idx = new LineIndex(text);
    assert.equal(idx.lineCount, 4);
    assert.deepEqual(
      [0, 1, 2, 3].map((l) => idx.lineStart(l)),
      [0, 3, 7, 10],
    );
    assert.deepEqual(idx.positionAt(4), { line: 1, character: 1 });
    assert.deepEqual(idx.positionAt(10), { line: 3, character: 0 });
    assert.deepEqual(idx.positionAt(999), { line: 3, character: 1 });
    assert.deepEqual(idx.positionAt(-5), { line: 0, character: 0 });
    for (let off = 0; off <= text.length; off++) {
      const { line, character } = idx.positionAt(off);
      if (text[off - 1] === '\r' && text[off] === '\n') continue; // between \r and \n: no position
      assert.equal(idx.offsetAt(line, character), off);
    }
    assert.equal(idx.offsetAt(1, 99), 5);
    assert.equal(idx.offsetAt(99, 0), text.length);
  });

  it('gives an empty last line after a trailing break', () => {
    const idx = new LineIndex('a\n');
    assert.equal(idx.lineCount, 2);
    assert.deepEqual(idx.positionAt(2), { line: 1, character: 0 });
    assert.equal(new LineIndex('').lineCount, 1);
  });
});
