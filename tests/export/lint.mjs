// Checks every export in a folder with the tool that owns its format, and prints a JSON summary.
//
// Usage: node lint.mjs DIR [PLAN_SCHEMA]
//
// - `.bpmn`: bpmnlint with Camunda 8.8 rules (`.bpmnlintrc` beside this script); clean means
//   no report at all, which also proves diagram information for every element;
// - `.asl.json`: asl-validator, and statelint from the Python environment next to
//   `WAYMARK_EXPORT_PYTHON` when it is set;
// - `.mmd`: mermaid's own parser (under jsdom);
// - `.dot`: Graphviz `dot -Tsvg`;
// - `.plan.json`: ajv (draft 2020-12, with formats) against the plan's JSON Schema.
// Prints {"files": [{"file", "tool", "ok", "errors"}]} and exits 1 when any file failed.

import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join, dirname, basename } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const bin = (name) => join(here, 'node_modules', '.bin', name);

/** Runs a command; ok when it exits 0 and, when `quiet` is asked, prints nothing. */
function run(program, args, { quiet = false } = {}) {
  const result = spawnSync(program, args, { cwd: here, encoding: 'utf8' });
  if (result.error) return { ok: false, errors: [`cannot start ${program}: ${result.error.message}`] };
  const output = `${result.stdout}${result.stderr}`.trim();
  const ok = result.status === 0 && (!quiet || output === '');
  return { ok, errors: ok ? [] : [output || `exit status ${result.status}`] };
}

function lintBpmn(file) {
  return run(bin('bpmnlint'), ['--config', join(here, '.bpmnlintrc'), file], { quiet: true });
}

function lintAsl(file) {
  const results = [{ tool: 'asl-validator', ...run(bin('asl-validator'), ['--json-path', file]) }];
  const python = process.env.WAYMARK_EXPORT_PYTHON;
  if (python) {
    results.push({ tool: 'statelint', ...run(join(dirname(python), 'statelint'), [file], { quiet: true }) });
  }
  return results;
}

let mermaid;
async function lintMermaid(file) {
  if (!mermaid) {
    const { JSDOM } = await import('jsdom');
    const dom = new JSDOM('<!doctype html><html><body></body></html>');
    globalThis.window = dom.window;
    globalThis.document = dom.window.document;
    mermaid = (await import('mermaid')).default;
    mermaid.initialize({ startOnLoad: false });
  }
  try {
    await mermaid.parse(readFileSync(file, 'utf8'));
    return { ok: true, errors: [] };
  } catch (error) {
    return { ok: false, errors: [String(error?.message || error)] };
  }
}

function lintDot(file) {
  return run('dot', ['-Tsvg', '-o', '/dev/null', file], { quiet: true });
}

let validatePlan;
async function lintPlan(file, schemaFile) {
  if (!schemaFile || !existsSync(schemaFile)) return { ok: false, errors: [`no plan schema at ${schemaFile}`] };
  if (!validatePlan) {
    const { default: Ajv2020 } = await import('ajv/dist/2020.js');
    const { default: addFormats } = await import('ajv-formats');
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    addFormats(ajv);
    validatePlan = ajv.compile(JSON.parse(readFileSync(schemaFile, 'utf8')));
  }
  const ok = validatePlan(JSON.parse(readFileSync(file, 'utf8')));
  return { ok, errors: ok ? [] : validatePlan.errors.map((e) => `${e.instancePath || '/'} ${e.message}`) };
}

async function main() {
  const [dir, schema] = process.argv.slice(2);
  if (!dir) {
    console.error('usage: node lint.mjs DIR [PLAN_SCHEMA]');
    process.exit(2);
  }
  const files = [];
  for (const name of readdirSync(dir).sort()) {
    const file = join(dir, name);
    const add = (tool, result) => files.push({ file: basename(file), tool, ok: result.ok, errors: result.errors });
    if (name.endsWith('.bpmn')) add('bpmnlint', lintBpmn(file));
    else if (name.endsWith('.asl.json')) lintAsl(file).forEach(({ tool, ...result }) => add(tool, result));
    else if (name.endsWith('.mmd')) add('mermaid', await lintMermaid(file));
    else if (name.endsWith('.dot')) add('graphviz', lintDot(file));
    else if (name.endsWith('.plan.json')) add('ajv', await lintPlan(file, schema));
  }
  console.log(JSON.stringify({ files }, null, 1));
  process.exit(files.every((f) => f.ok) ? 0 : 1);
}

await main();
