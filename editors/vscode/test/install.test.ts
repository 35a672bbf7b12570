import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';

import {
  bundledWheel,
  findPython,
  installedIsStale,
  installServer,
  privateEnvironment,
  pythonCandidates,
  type Run,
  runCommand,
  RunError,
  wheelVersion,
} from '../src/install';

/** A runner that answers from a table (command + args → output, or a failure) and records. */
function fakeRun(answers: Record<string, string | RunError>): Run & { calls: string[] } {
  const calls: string[] = [];
  const run: Run = async (command, args) => {
    const key = [command, ...args].join(' ');
    calls.push(key);
    const answer = Object.entries(answers).find(([prefix]) => key.startsWith(prefix))?.[1];
    if (answer === undefined) {
      throw new RunError('not found', '');
    }
    if (answer instanceof RunError) {
      throw answer;
    }
    return answer;
  };
  return Object.assign(run, { calls });
}

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'blog-lsp-install-'));
after(() => fs.rmSync(scratch, { recursive: true, force: true }));
const storage = path.join(scratch, 'storage');
const environment = privateEnvironment(storage, 'linux');

describe('pythonCandidates', () => {
  it('tries the Python extension, the setting, then PATH, once each', () => {
    assert.deepEqual(pythonCandidates('/env/bin/python', 'python3', 'linux'), [
      ['/env/bin/python'],
      ['python3'],
      ['python'],
    ]);
    assert.deepEqual(pythonCandidates(undefined, '', 'win32'), [['python3'], ['python'], ['py', '-3']]);
  });
});

describe('findPython', () => {
  it('skips a Python older than 3.10 and one that is missing', async () => {
    const run = fakeRun({
      'old -c': '3.8\n/usr/bin/old\n',
      'new -c': '3.12\n/opt/new/bin/python3\n',
    });
    const found = await findPython([['missing'], ['old'], ['new']], run);
    assert.deepEqual(found.python, { command: ['new'], version: '3.12', executable: '/opt/new/bin/python3' });
    assert.deepEqual(found.tried, ['missing: not found', 'old: Python 3.8 is too old']);
  });
});

describe('installServer', () => {
  const wheel = path.join(scratch, 'blog_lsp-0.1.0-py3-none-any.whl');

  it('makes the environment, installs the wheel, then checks the server', async () => {
    const steps: string[] = [];
    const run = fakeRun({
      'python3 -c': '3.11\n/usr/bin/python3\n',
      'python3 -m venv': '',
      [`${environment.python} -m pip install`]: 'Successfully installed blog-lsp-0.1.0\n',
      [`${environment.server} --version`]: 'blog-lsp 0.1.0\n',
    });
    const result = await installServer({
      storage,
      wheel,
      pythons: [['python3']],
      run,
      platform: 'linux',
      progress: (step) => steps.push(step),
    });
    assert.ok(result.ok);
    assert.equal(result.server, environment.server);
    assert.equal(result.version, '0.1.0');
    assert.deepEqual(steps, ['python', 'environment', 'packages', 'check']);
    assert.deepEqual(run.calls.slice(1), [
      `python3 -m venv --clear ${environment.venv}`,
      `${environment.python} -m pip install --disable-pip-version-check --no-input ${wheel}`,
      `${environment.server} --version`,
    ]);
  });

  it('says what to do when there is no Python 3.10', async () => {
    const result = await installServer({ storage, wheel, pythons: [['python3']], run: fakeRun({}), platform: 'linux' });
    assert.equal(result.ok, false);
    assert.ok(!result.ok);
    assert.match(result.message, /no Python 3\.10 or newer/);
    assert.match(result.message, /blogLsp\.server\.python/);
  });

  it('says what pip said, and what to do, when the install fails', async () => {
    const run = fakeRun({
      'python3 -c': '3.11\n/usr/bin/python3\n',
      'python3 -m venv': '',
      [`${environment.python} -m pip`]: new RunError(
        'exit 1',
        'WARNING: Retrying\nERROR: No matching distribution found for pygls<3,>=2.1\n',
      ),
    });
    const result = await installServer({ storage, wheel, pythons: [['python3']], run, platform: 'linux' });
    assert.ok(!result.ok);
    assert.match(result.message, /No matching distribution found for pygls/);
    assert.doesNotMatch(result.message, /WARNING/);
    assert.match(result.message, /package index/);
    assert.match(result.message, /pip install ".*blog_lsp-0\.1\.0-py3-none-any\.whl"/);
  });

  it('says the installed server does not start when it does not answer like blog-lsp', async () => {
    const run = fakeRun({
      'python3 -c': '3.11\n/usr/bin/python3\n',
      'python3 -m venv': '',
      [`${environment.python} -m pip install`]: '',
      [`${environment.server} --version`]: 'Traceback (most recent call last)\n',
    });
    const result = await installServer({ storage, wheel, pythons: [['python3']], run, platform: 'linux' });
    assert.ok(!result.ok);
    assert.match(result.message, /does not start/);
    assert.ok(result.message.includes(environment.server));
  });

  it('names python3-venv when the environment cannot be made', async () => {
    const run = fakeRun({
      'python3 -c': '3.11\n/usr/bin/python3\n',
      'python3 -m venv': new RunError('exit 1', 'The virtual environment was not created successfully\n'),
    });
    const result = await installServer({ storage, wheel, pythons: [['python3']], run, platform: 'linux' });
    assert.ok(!result.ok);
    assert.match(result.message, /python3-venv/);
  });
});

describe('bundledWheel', () => {
  it('finds the wheel the .vsix carries, or none', () => {
    const extension = path.join(scratch, 'extension');
    assert.equal(bundledWheel(extension), undefined);
    fs.mkdirSync(path.join(extension, 'server'), { recursive: true });
    fs.writeFileSync(path.join(extension, 'server', 'blog_lsp-0.1.0-py3-none-any.whl'), '');
    assert.equal(bundledWheel(extension), path.join(extension, 'server', 'blog_lsp-0.1.0-py3-none-any.whl'));
  });

  it('puts the environment in the extension storage', () => {
    assert.deepEqual(privateEnvironment('/s', 'linux'), {
      venv: '/s/blog-lsp-venv',
      python: '/s/blog-lsp-venv/bin/python',
      server: '/s/blog-lsp-venv/bin/blog-lsp',
    });
  });
});

describe('wheelVersion and installedIsStale', () => {
  const wheel = '/ext/server/blog_lsp-0.2.0-py3-none-any.whl';

  it('reads the version from the wheel name', () => {
    assert.equal(wheelVersion(wheel), '0.2.0');
    assert.equal(wheelVersion('/ext/server/other-1.0-py3-none-any.whl'), undefined);
  });

  it('offers an update only for the installed server of another version', () => {
    assert.equal(installedIsStale('installed', '0.1.0', wheel), true);
    assert.equal(installedIsStale('installed', '0.2.0', wheel), false);
    assert.equal(installedIsStale('path', '0.1.0', wheel), false);
    assert.equal(installedIsStale('installed', '0.1.0', undefined), false);
  });
});

describe('runCommand (real processes)', () => {
  it('resolves with what the command printed', async () => {
    assert.equal(await runCommand(process.execPath, ['-e', 'console.log("hello")'], 10_000), 'hello\n');
  });

  it('rejects with the output of a command that fails', async () => {
    await assert.rejects(
      runCommand(process.execPath, ['-e', 'console.error("it broke"); process.exit(3)'], 10_000),
      (error: unknown) => error instanceof RunError && error.output.includes('it broke'),
    );
  });

  it('says "not found" for a command that does not exist', async () => {
    await assert.rejects(
      runCommand(path.join(scratch, 'no-such-python'), ['-c', 'pass'], 10_000),
      (error: unknown) => error instanceof RunError && error.message === 'not found',
    );
  });
});

// A real Python, when CI says which (BLOG_LSP_PYTHON): found, with its version and executable.
describe('findPython (real Python)', { skip: !process.env.BLOG_LSP_PYTHON && 'BLOG_LSP_PYTHON is not set' }, () => {
  it('finds BLOG_LSP_PYTHON as a Python 3.10 or newer', async () => {
    const python = process.env.BLOG_LSP_PYTHON ?? '';
    const found = await findPython([[path.join(scratch, 'missing-python')], [python]]);
    assert.ok(found.python, JSON.stringify(found));
    assert.deepEqual(found.python.command, [python]);
    const [major = 0, minor = 0] = found.python.version.split('.').map(Number);
    assert.ok(major === 3 && minor >= 10, found.python.version);
    assert.ok(fs.existsSync(found.python.executable), found.python.executable);
    assert.equal(found.tried.length, 1);
  });
});
