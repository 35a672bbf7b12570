/**
 * Installing the server the extension carries: a private virtual environment in the
 * extension's global storage, made with the writer's own Python (3.10 or newer), with the
 * bundled blog-lsp wheel installed into it (its dependencies come from the package index).
 * No `vscode` import: unit-tested with Node's test runner.
 */
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

import { DEFAULT_PYTHON } from './serverCommand';

export const MINIMUM_PYTHON: readonly [number, number] = [3, 10];
const PROBE_TIMEOUT_MS = 15_000;
const INSTALL_TIMEOUT_MS = 10 * 60_000;

/** Runs `command args...`; resolves with what it printed, rejects with a RunError. */
export type Run = (command: string, args: readonly string[], timeoutMs: number) => Promise<string>;

export class RunError extends Error {
  constructor(
    message: string,
    readonly output: string,
  ) {
    super(message);
  }
}

/** The real runner: no shell, output kept for the error message. */
export const runCommand: Run = (command, args, timeoutMs) =>
  new Promise((resolve, reject) => {
    execFile(
      command,
      [...args],
      { timeout: timeoutMs, windowsHide: true, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error) {
          const why = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'not found' : error.message;
          reject(new RunError(why, `${stdout}\n${stderr}`));
          return;
        }
        resolve(stdout);
      },
    );
  });

/** The private environment's folders and the server it holds. */
export function privateEnvironment(storage: string, platform: NodeJS.Platform = process.platform): {
  venv: string;
  python: string;
  server: string;
} {
  const venv = path.join(storage, 'blog-lsp-venv');
  const bin = platform === 'win32' ? path.join(venv, 'Scripts') : path.join(venv, 'bin');
  const exe = platform === 'win32' ? '.exe' : '';
  return { venv, python: path.join(bin, `python${exe}`), server: path.join(bin, `blog-lsp${exe}`) };
}

/** The wheel the .vsix carries (server/blog_lsp-<version>-py3-none-any.whl), or undefined. */
export function bundledWheel(extensionPath: string): string | undefined {
  const folder = path.join(extensionPath, 'server');
  const names = fs.existsSync(folder) ? fs.readdirSync(folder) : [];
  const wheel = names.filter((name) => /^blog_lsp-.+\.whl$/.test(name)).sort().pop();
  return wheel === undefined ? undefined : path.join(folder, wheel);
}

/** The version in a wheel's name (blog_lsp-0.1.0-py3-none-any.whl: 0.1.0), or undefined. */
export function wheelVersion(wheel: string): string | undefined {
  return /^blog_lsp-([^-]+)-/.exec(path.basename(wheel))?.[1];
}

/**
 * Whether the server the extension installed should be replaced by the wheel it carries: it
 * runs from the private environment and is another version (a newer .vsix brought a newer
 * wheel, or an older one came back).
 */
export function installedIsStale(
  source: string,
  runningVersion: string,
  wheel: string | undefined,
): wheel is string {
  const carried = wheel === undefined ? undefined : wheelVersion(wheel);
  return source === 'installed' && carried !== undefined && carried !== runningVersion;
}

/**
 * The Pythons to try, in order, without duplicates: the Python extension's interpreter, the
 * blogLsp.server.python setting, then `python3` and `python` on PATH (`py -3` on Windows).
 */
export function pythonCandidates(
  fromPythonExtension: string | undefined,
  setting: string | undefined,
  platform: NodeJS.Platform = process.platform,
): string[][] {
  const candidates: string[][] = [];
  for (const command of [fromPythonExtension, setting?.trim()]) {
    if (command) {
      candidates.push([command]);
    }
  }
  candidates.push([DEFAULT_PYTHON], ['python']);
  if (platform === 'win32') {
    candidates.push(['py', '-3']);
  }
  const seen = new Set<string>();
  return candidates.filter((candidate) => {
    const key = candidate.join(' ');
    return !seen.has(key) && seen.add(key) !== undefined;
  });
}

const VERSION_PROBE = 'import sys; print("%d.%d" % sys.version_info[:2]); print(sys.executable)';

export interface FoundPython {
  readonly command: readonly string[];
  readonly version: string;
  readonly executable: string;
}

/** The first candidate that is a Python 3.10 or newer, with why each other one was not. */
export async function findPython(
  candidates: readonly (readonly string[])[],
  run: Run = runCommand,
): Promise<{ python?: FoundPython; tried: string[] }> {
  const tried: string[] = [];
  for (const candidate of candidates) {
    const [command, ...prefix] = candidate;
    if (command === undefined) {
      continue;
    }
    try {
      const [version = '', executable = ''] = (await run(command, [...prefix, '-c', VERSION_PROBE], PROBE_TIMEOUT_MS))
        .trim()
        .split(/\r?\n/);
      const [major = 0, minor = 0] = version.split('.').map(Number);
      const [wantMajor, wantMinor] = MINIMUM_PYTHON;
      if (major > wantMajor || (major === wantMajor && minor >= wantMinor)) {
        return { python: { command: candidate, version, executable: executable.trim() }, tried };
      }
      tried.push(`${candidate.join(' ')}: Python ${version} is too old`);
    } catch (error) {
      tried.push(`${candidate.join(' ')}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return { tried };
}

export type InstallStep = 'python' | 'environment' | 'packages' | 'check';

export interface InstallOptions {
  readonly storage: string;
  readonly wheel: string;
  readonly pythons: readonly (readonly string[])[];
  readonly run?: Run;
  readonly progress?: (step: InstallStep, message: string) => void;
  readonly platform?: NodeJS.Platform;
}

export type InstallResult =
  | { readonly ok: true; readonly server: string; readonly version: string; readonly python: FoundPython }
  | { readonly ok: false; readonly message: string; readonly detail: string };

function lastLines(text: string, count = 3): string {
  return text
    .trim()
    .split(/\r?\n/)
    .filter((line) => line.trim() && !/^\s*WARNING: /.test(line))
    .slice(-count)
    .join(' ')
    .slice(0, 400);
}

/** Make the private environment and install the bundled wheel into it. Never throws. */
export async function installServer(options: InstallOptions): Promise<InstallResult> {
  const run = options.run ?? runCommand;
  const say = options.progress ?? (() => undefined);
  const environment = privateEnvironment(options.storage, options.platform);
  say('python', 'Looking for Python 3.10 or newer...');
  const found = await findPython(options.pythons, run);
  if (found.python === undefined) {
    return {
      ok: false,
      message:
        'Blog LSP found no Python 3.10 or newer to install blog-lsp with. Install Python ' +
        '(python.org, or your system\'s packages), or set blogLsp.server.python to one, then try again.',
      detail: found.tried.join('; '),
    };
  }
  const python = found.python;
  const [command, ...prefix] = python.command as [string, ...string[]];
  try {
    say('environment', `Creating a private environment with Python ${python.version}...`);
    fs.mkdirSync(options.storage, { recursive: true });
    await run(command, [...prefix, '-m', 'venv', '--clear', environment.venv], INSTALL_TIMEOUT_MS);
  } catch (error) {
    const output = error instanceof RunError ? error.output : '';
    return {
      ok: false,
      message:
        `Blog LSP could not create a Python environment with ${python.command.join(' ')} ` +
        `(${lastLines(output) || String(error)}). On Debian or Ubuntu, install python3-venv; ` +
        'or set blogLsp.server.python to another Python.',
      detail: output,
    };
  }
  try {
    say('packages', 'Installing blog-lsp and its dependencies from the package index...');
    await run(
      environment.python,
      ['-m', 'pip', 'install', '--disable-pip-version-check', '--no-input', options.wheel],
      INSTALL_TIMEOUT_MS,
    );
  } catch (error) {
    const output = error instanceof RunError ? error.output : '';
    return {
      ok: false,
      message:
        `Blog LSP could not install blog-lsp (${lastLines(output) || String(error)}). pip needs ` +
        'the package index (or your pip configuration\'s index) for the dependencies: check the ' +
        `connection and try again, or install it yourself with pip install "${options.wheel}".`,
      detail: output,
    };
  }
  try {
    say('check', 'Checking the installed server...');
    const printed = await run(environment.server, ['--version'], PROBE_TIMEOUT_MS);
    const version = /^blog-lsp\s+(\S+)/m.exec(printed)?.[1];
    if (version === undefined) {
      throw new RunError(`it printed ${JSON.stringify(printed.trim())}`, printed);
    }
    return { ok: true, server: environment.server, version, python };
  } catch (error) {
    const output = error instanceof RunError ? error.output : '';
    return {
      ok: false,
      message: `Blog LSP installed blog-lsp, but ${environment.server} does not start (${lastLines(output) || String(error)}).`,
      detail: output,
    };
  }
}
