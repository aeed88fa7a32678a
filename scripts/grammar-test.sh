#!/usr/bin/env bash
# Syntax-highlighting tests: checks that the TextMate grammar and the language
# configuration are valid JSON (with regexes that compile), then runs every
# test/grammar/*.mat assertion file through vscode-tmgrammar-test (the same
# vscode-textmate + Oniguruma engine VS Code uses). Fails on any failed
# assertion.
set -euo pipefail
cd "$(dirname "$0")/.."

node - <<'EOF'
const fs = require('fs');
const grammar = JSON.parse(fs.readFileSync('syntaxes/mat.tmLanguage.json', 'utf8'));
if (grammar.scopeName !== 'source.mat') throw new Error('grammar scopeName must be source.mat');
// VS Code compiles these with JavaScript's RegExp.
const conf = JSON.parse(fs.readFileSync('language-configuration.json', 'utf8'));
const patterns = [
  conf.wordPattern,
  conf.indentationRules.increaseIndentPattern,
  conf.indentationRules.decreaseIndentPattern,
  conf.folding.markers.start,
  conf.folding.markers.end,
  ...conf.onEnterRules.flatMap((r) => [r.beforeText, r.afterText, r.previousLineText].filter(Boolean)),
];
for (const p of patterns) new RegExp(p, 'u');
console.log(`grammar and language configuration: valid JSON, ${patterns.length} regexes compile`);
EOF

shopt -s nullglob
tests=(test/grammar/*.mat)
if [ ${#tests[@]} -eq 0 ]; then
  echo "no grammar tests found in test/grammar/" >&2
  exit 1
fi

# The tool exits non-zero when any assertion fails.
npx --no-install vscode-tmgrammar-test -g syntaxes/mat.tmLanguage.json 'test/grammar/*.mat'
