import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs, flag } from '../../src/cli/args';
import { main, outputProblem } from '../../src/cli/score';

test('a value flag given without a value reads as empty, never as the string "true"', () => {
  const a = parseArgs(['--model', 'm', '--output', '--input', 'x.csv'], ['help'], ['model', 'input', 'output']);
  assert.equal(flag(a, 'output'), '');
  assert.equal(flag(a, 'input'), 'x.csv');
  assert.equal(flag(parseArgs(['--output'], [], ['output']), 'output'), '');
  assert.equal(flag(parseArgs(['--verbose']), 'verbose'), 'true');
});

test('the output path is checked before any work: folders, the input itself, the model bundle', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seglab-score-cli-'));
  try {
    const input = path.join(dir, 'in.csv');
    fs.writeFileSync(input, 'a\n1\n');
    const model = path.join(dir, 'bundle');
    fs.mkdirSync(model);
    fs.symlinkSync(input, path.join(dir, 'link.csv'));
    assert.match(outputProblem(input, dir, model)!, /is a folder/);
    assert.match(outputProblem(input, path.join(dir, 'new') + path.sep, model)!, /names a folder/);
    assert.match(outputProblem(input, path.join(dir, 'link.csv'), model)!, /is the input file/);
    assert.match(outputProblem(input, path.join(model, 'bundle.json'), model)!, /inside the model bundle/);
    assert.match(outputProblem(dir, path.join(dir, 'out.csv'), model)!, /--input .* is a folder/);
    assert.equal(outputProblem(input, path.join(dir, 'sub', 'out.csv'), model), null);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('usage errors exit 2 and write nothing', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seglab-score-cli-'));
  const cwd = process.cwd();
  const err = console.error;
  console.error = () => {};
  try {
    process.chdir(dir);
    assert.equal(await main(['--model', 'm', '--input', 'in.csv', '--output']), 2);
    assert.equal(await main(['m', 'in.csv']), 2, 'positional arguments (npm run score without --) are rejected');
    assert.equal(fs.readdirSync(dir).length, 0, 'no file named "true" or anything else is written');
  } finally {
    console.error = err;
    process.chdir(cwd);
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
