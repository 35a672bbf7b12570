import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';

import {
  expandPath,
  type Probe,
  type ProbeResult,
  probeVersion,
  resolveServerCommand,
  serverCandidates,
  serverExecutable,
} from '../src/serverCommand';

/** A probe that answers from a table (command + args → result) and records what it ran. */
function fakeProbe(working: Record<string, ProbeResult>): Probe & { calls: string[] } {
  const calls: string[] = [];
  const probe = async (command: string, args: readonly string[]): Promise<ProbeResult> => {
    const key = [command, ...args].join(' ');
    calls.push(key);
    return working[key] ?? { ok: false, reason: 'not found' };
  };
  return Object.assign(probe, { calls });
}

const WORKS: ProbeResult = { ok: true, version: '0.1.0' };

describe('server candidates', () => {
  it('tries the setting, then PATH, then python -m blog_lsp', () => {
    const candidates = serverCandidates({ path: '/opt/blog-lsp', python: 'python3.11' });
    assert.deepEqual(
      candidates.map((c) => [c.source, c.command, c.args]),
      [
        ['setting', '/opt/blog-lsp', []],
        ['path', 'blog-lsp', []],
        ['python', 'python3.11', ['-m', 'blog_lsp']],
      ],
    );
  });

  it('skips an empty path setting and defaults to python3', () => {
    const candidates = serverCandidates({ path: '  ', python: '' });
    assert.deepEqual(
      candidates.map((c) => c.command),
      ['blog-lsp', 'python3'],
    );
  });

  it('does not try the same command twice', () => {
    const candidates = serverCandidates({ path: 'blog-lsp' });
    assert.deepEqual(
      candidates.map((c) => c.source),
      ['setting', 'python'],
    );
  });

  it('expands ~ and takes relative paths from the workspace folder', () => {
    const options = { home: '/home/writer', workspaceFolder: '/vault' };
    assert.equal(expandPath('~/bin/blog-lsp', options), path.join('/home/writer', 'bin/blog-lsp'));
    assert.equal(expandPath('.venv/bin/blog-lsp', options), path.resolve('/vault', '.venv/bin/blog-lsp'));
    assert.equal(expandPath('/usr/bin/blog-lsp', options), '/usr/bin/blog-lsp');
    // A bare name is looked up on PATH, not in the workspace.
    assert.equal(expandPath('blog-lsp-dev', options), 'blog-lsp-dev');
  });
});

describe('serverExecutable', () => {
  it('runs the command as it is, without the --stdio that blog-lsp refuses', () => {
    const [python] = serverCandidates({ path: '' }).filter((c) => c.source === 'python');
    assert.ok(python);
    const executable = serverExecutable(python);
    assert.deepEqual(executable, { command: 'python3', args: ['-m', 'blog_lsp'] });
    assert.ok(!('transport' in executable));
  });
});

describe('resolveServerCommand', () => {
  it('uses the path setting first, and runs nothing else', async () => {
    const probe = fakeProbe({ '/opt/blog-lsp': WORKS, 'blog-lsp': WORKS, 'python3 -m blog_lsp': WORKS });
    const resolution = await resolveServerCommand({ path: '/opt/blog-lsp' }, { probe });
    assert.ok(resolution.ok);
    assert.equal(resolution.server.source, 'setting');
    assert.equal(resolution.server.command, '/opt/blog-lsp');
    assert.deepEqual(resolution.server.args, []);
    assert.deepEqual(resolution.failures, []);
    assert.deepEqual(probe.calls, ['/opt/blog-lsp']);
  });

  it('uses blog-lsp on PATH when the setting is empty', async () => {
    const probe = fakeProbe({ 'blog-lsp': WORKS, 'python3 -m blog_lsp': WORKS });
    const resolution = await resolveServerCommand({ path: '' }, { probe });
    assert.ok(resolution.ok);
    assert.equal(resolution.server.source, 'path');
    assert.equal(resolution.server.command, 'blog-lsp');
    assert.deepEqual(probe.calls, ['blog-lsp']);
  });

  it('falls back to <python> -m blog_lsp', async () => {
    const probe = fakeProbe({ '/venv/bin/python -m blog_lsp': { ok: true, version: '0.2.0' } });
    const resolution = await resolveServerCommand({ python: '/venv/bin/python' }, { probe });
    assert.ok(resolution.ok);
    assert.equal(resolution.server.source, 'python');
    assert.equal(resolution.server.command, '/venv/bin/python');
    assert.deepEqual(resolution.server.args, ['-m', 'blog_lsp']);
    assert.equal(resolution.version, '0.2.0');
    assert.deepEqual(
      resolution.failures.map((f) => f.candidate.source),
      ['path'],
    );
  });

  it('reports a broken path setting even when a fallback works', async () => {
    const probe = fakeProbe({ 'blog-lsp': WORKS });
    const resolution = await resolveServerCommand({ path: '/nowhere/blog-lsp' }, { probe });
    assert.ok(resolution.ok);
    assert.equal(resolution.server.source, 'path');
    assert.deepEqual(resolution.failures, [
      { candidate: { source: 'setting', command: '/nowhere/blog-lsp', args: [] }, reason: 'not found' },
    ]);
  });

  it('says what to install when nothing works', async () => {
    const probe = fakeProbe({});
    const resolution = await resolveServerCommand({ python: 'python3.12' }, { probe });
    assert.equal(resolution.ok, false);
    assert.ok(!resolution.ok);
    // blog-lsp is not on the package index yet: no 'pip install blog-lsp'.
    assert.doesNotMatch(resolution.message, /pip install blog-lsp/);
    assert.match(resolution.message, /Install it here/);
    assert.match(resolution.message, /pipx install \./);
    assert.match(resolution.message, /blogLsp\.server\.path/);
    assert.match(resolution.message, /python3\.12 -m blog_lsp/);
    assert.deepEqual(probe.calls, ['blog-lsp', 'python3.12 -m blog_lsp']);
    assert.equal(resolution.failures.length, 2);
  });
});

// The real probe, against small scripts standing in for blog-lsp (POSIX shells only).
describe('probeVersion', { skip: process.platform === 'win32' }, () => {
  let bin = '';
  const script = (name: string, body: string): string => {
    const file = path.join(bin, name);
    fs.writeFileSync(file, `#!/bin/sh\n${body}\n`, { mode: 0o755 });
    return file;
  };

  before(() => {
    bin = fs.mkdtempSync(path.join(os.tmpdir(), 'blog-lsp-probe-'));
  });
  after(() => {
    fs.rmSync(bin, { recursive: true, force: true });
  });

  it('accepts a command that prints blog-lsp and its version', async () => {
    const command = script('blog-lsp', 'echo "blog-lsp 0.1.0"');
    assert.deepEqual(await probeVersion(command, [], 5_000), { ok: true, version: '0.1.0' });
  });

  it('passes the arguments before --version', async () => {
    const command = script('fake-python', '[ "$1 $2 $3" = "-m blog_lsp --version" ] && echo "blog-lsp 0.3.0"');
    assert.deepEqual(await probeVersion(command, ['-m', 'blog_lsp'], 5_000), { ok: true, version: '0.3.0' });
  });

  it('refuses a Python without blog_lsp, with its message', async () => {
    const command = script('python-without', 'echo "/usr/bin/python3: No module named blog_lsp" >&2; exit 1');
    const result = await probeVersion(command, ['-m', 'blog_lsp'], 5_000);
    assert.deepEqual(result, { ok: false, reason: 'exit status 1: /usr/bin/python3: No module named blog_lsp' });
  });

  it('refuses another program that happens to be called blog-lsp', async () => {
    const command = script('other', 'echo "some other tool 1.0"');
    const result = await probeVersion(command, [], 5_000);
    assert.equal(result.ok, false);
    assert.match(!result.ok ? result.reason : '', /did not answer like blog-lsp/);
  });

  it('says "not found" for a missing command', async () => {
    const result = await probeVersion(path.join(bin, 'missing'), [], 5_000);
    assert.deepEqual(result, { ok: false, reason: 'not found' });
  });

  it('gives up on a command that hangs', async () => {
    const command = script('hangs', 'exec sleep 30');
    const started = Date.now();
    const result = await probeVersion(command, [], 300);
    assert.equal(result.ok, false);
    assert.match(!result.ok ? result.reason : '', /no answer within/);
    assert.ok(Date.now() - started < 5_000);
  });

  it('finds blog-lsp on PATH', async () => {
    script('blog-lsp', 'echo "blog-lsp 0.1.0"');
    const env = { ...process.env, PATH: bin };
    const resolution = await resolveServerCommand(
      {},
      { probe: (command, args, timeout) => probeVersion(command, args, timeout, env) },
    );
    assert.ok(resolution.ok);
    assert.equal(resolution.server.source, 'path');
  });
});

// The real server, when CI says which Python has it (BLOG_LSP_PYTHON).
describe('the installed blog-lsp', { skip: !process.env.BLOG_LSP_PYTHON && 'BLOG_LSP_PYTHON is not set' }, () => {
  it('answers through <python> -m blog_lsp', async () => {
    const python = process.env.BLOG_LSP_PYTHON ?? '';
    const resolution = await resolveServerCommand({ path: '', python }, { probe: skipPath(probeVersion) });
    assert.ok(resolution.ok, JSON.stringify(resolution));
    assert.equal(resolution.server.source, 'python');
    assert.match(resolution.version, /^\d+\.\d+/);
  });
});

/** A probe that pretends there is no blog-lsp on PATH, so the python candidate is reached. */
function skipPath(probe: Probe): Probe {
  return async (command, args, timeout) =>
    command === 'blog-lsp' && args.length === 0 ? { ok: false, reason: 'not found' } : probe(command, args, timeout);
}

describe('the installed server', () => {
  it('is tried after PATH and before <python> -m blog_lsp', async () => {
    const probe = fakeProbe({ '/storage/blog-lsp-venv/bin/blog-lsp': WORKS });
    const resolution = await resolveServerCommand(
      { python: 'python3' },
      { probe, installedServer: '/storage/blog-lsp-venv/bin/blog-lsp' },
    );
    assert.ok(resolution.ok);
    assert.equal(resolution.server.source, 'installed');
    assert.deepEqual(probe.calls, ['blog-lsp', '/storage/blog-lsp-venv/bin/blog-lsp']);
  });

  it('is not a candidate until the extension installed it', () => {
    const sources = serverCandidates({}, {}).map((candidate) => candidate.source);
    assert.deepEqual(sources, ['path', 'python']);
  });
});
