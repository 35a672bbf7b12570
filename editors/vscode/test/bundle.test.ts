/**
 * The esbuild bundle loads and exports activate/deactivate. VS Code itself cannot run here, so
 * `vscode` is a stand-in that answers every property; this catches a bundle that misses a
 * module or fails at load time, not the extension's behaviour.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import Module from 'node:module';
import * as path from 'node:path';
import { it } from 'node:test';

const BUNDLE = path.resolve(__dirname, '..', '..', 'dist', 'extension.js');

function standIn(): unknown {
  const handler: ProxyHandler<() => void> = {
    get: (target, property) => (property === 'prototype' ? {} : proxy),
    apply: () => proxy,
    construct: () => ({}),
  };
  const proxy: unknown = new Proxy(function vscode() {}, handler);
  return proxy;
}

it('the bundle loads and exports activate and deactivate', () => {
  assert.ok(fs.existsSync(BUNDLE), `${BUNDLE} is missing: run npm run build`);
  const loader = Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown };
  const load = loader._load;
  const vscode = standIn();
  loader._load = (request: string, ...rest: unknown[]) => (request === 'vscode' ? vscode : load(request, ...rest));
  try {
    const extension = require(BUNDLE) as Record<string, unknown>;
    assert.equal(typeof extension.activate, 'function');
    assert.equal(typeof extension.deactivate, 'function');
  } finally {
    loader._load = load;
  }
});
