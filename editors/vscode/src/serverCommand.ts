/**
 * Which command starts the blog-lsp language server.
 *
 * Candidates, in order: the `blogLsp.server.path` setting, `blog-lsp` on PATH, the server the
 * extension installed in its private environment (when it did), then
 * `<blogLsp.server.python> -m blog_lsp`. Each is probed with `--version` (with a timeout) and
 * the first that answers like blog-lsp wins. No `vscode` import: unit-tested with Node's test
 * runner.
 */
import { execFile } from 'node:child_process';
import * as os from 'node:os';
import * as path from 'node:path';

export const DEFAULT_PYTHON = 'python3';
export const PATH_COMMAND = 'blog-lsp';
export const PROBE_TIMEOUT_MS = 10_000;
export type CandidateSource = 'setting' | 'path' | 'installed' | 'python';

/** A way to start the server: `command args...` serves LSP on stdio. */
export interface ServerCandidate {
  readonly source: CandidateSource;
  readonly command: string;
  readonly args: readonly string[];
}

export interface ServerSettings {
  /** `blogLsp.server.path`: the blog-lsp executable; empty means "not set". */
  readonly path?: string;
  /** `blogLsp.server.python`: the Python that has blog_lsp installed. */
  readonly python?: string;
}

export interface ResolveOptions {
  /** Relative paths in the settings (`.venv/bin/blog-lsp`) are taken from here. */
  readonly workspaceFolder?: string;
  readonly home?: string;
  /** The blog-lsp of the extension's private environment, when the extension installed it. */
  readonly installedServer?: string;
  readonly probe?: Probe;
  readonly timeoutMs?: number;
}

export type ProbeResult = { readonly ok: true; readonly version: string } | { readonly ok: false; readonly reason: string };

/** Runs `command args... --version` and says whether it is a working blog-lsp. */
export type Probe = (command: string, args: readonly string[], timeoutMs: number) => Promise<ProbeResult>;

export interface ProbeFailure {
  readonly candidate: ServerCandidate;
  readonly reason: string;
}

export type Resolution =
  | {
      readonly ok: true;
      readonly server: ServerCandidate;
      readonly version: string;
      /** Candidates tried before the one that worked (a broken `server.path` is worth a warning). */
      readonly failures: readonly ProbeFailure[];
    }
  | { readonly ok: false; readonly failures: readonly ProbeFailure[]; readonly message: string };

/** `~/x` and workspace-relative paths made absolute; a bare name is left for PATH lookup. */
export function expandPath(value: string, options: Pick<ResolveOptions, 'workspaceFolder' | 'home'> = {}): string {
  const home = options.home ?? os.homedir();
  if (value === '~') {
    return home;
  }
  if (value.startsWith('~/') || value.startsWith('~\\')) {
    return path.join(home, value.slice(2));
  }
  const hasSeparator = value.includes('/') || value.includes('\\');
  if (hasSeparator && !path.isAbsolute(value) && options.workspaceFolder !== undefined) {
    return path.resolve(options.workspaceFolder, value);
  }
  return value;
}

/** The candidates in the order they are tried, without duplicates. */
export function serverCandidates(settings: ServerSettings, options: ResolveOptions = {}): ServerCandidate[] {
  const candidates: ServerCandidate[] = [];
  const configured = settings.path?.trim();
  if (configured) {
    candidates.push({ source: 'setting', command: expandPath(configured, options), args: [] });
  }
  candidates.push({ source: 'path', command: PATH_COMMAND, args: [] });
  if (options.installedServer !== undefined) {
    candidates.push({ source: 'installed', command: options.installedServer, args: [] });
  }
  const python = settings.python?.trim() || DEFAULT_PYTHON;
  candidates.push({ source: 'python', command: expandPath(python, options), args: ['-m', 'blog_lsp'] });
  return candidates.filter(
    (candidate, index) =>
      candidates.findIndex((other) => describeCommand(other) === describeCommand(candidate)) === index,
  );
}

/**
 * How vscode-languageclient runs the server: `command args...`, serving LSP on stdin/stdout.
 * Deliberately no `transport`: TransportKind.stdio makes the client add `--stdio`, which
 * blog-lsp refuses (it serves on stdio with no arguments).
 */
export function serverExecutable(candidate: ServerCandidate): { command: string; args: string[] } {
  return { command: candidate.command, args: [...candidate.args] };
}

export function describeCommand(candidate: ServerCandidate): string {
  return [candidate.command, ...candidate.args].map((part) => (/\s/.test(part) ? `"${part}"` : part)).join(' ');
}

export function describeCandidate(candidate: ServerCandidate): string {
  const where = {
    setting: 'the blogLsp.server.path setting',
    path: 'PATH',
    installed: "the extension's own environment",
    python: 'the blogLsp.server.python setting',
  }[candidate.source];
  return `'${describeCommand(candidate)}' (from ${where})`;
}

/** The notification shown when nothing works: the ways forward, and the setting to set. */
export function notFoundMessage(settings: ServerSettings): string {
  const python = settings.python?.trim() || DEFAULT_PYTHON;
  return (
    'Blog LSP could not start the blog-lsp language server. Install it here (into a private ' +
    'environment of this extension, with your Python 3.10 or newer), or install it yourself ' +
    "(pipx install . or pip install . in a clone of blog-lsp) so that 'blog-lsp' is on your PATH " +
    `or '${python} -m blog_lsp' works, or set 'blogLsp.server.path' to the blog-lsp command.`
  );
}

export async function resolveServerCommand(settings: ServerSettings, options: ResolveOptions = {}): Promise<Resolution> {
  const probe = options.probe ?? probeVersion;
  const timeoutMs = options.timeoutMs ?? PROBE_TIMEOUT_MS;
  const failures: ProbeFailure[] = [];
  // One at a time, in order: the first that works wins, and later ones are not run at all.
  for (const candidate of serverCandidates(settings, options)) {
    const result = await probe(candidate.command, candidate.args, timeoutMs);
    if (result.ok) {
      return { ok: true, server: candidate, version: result.version, failures };
    }
    failures.push({ candidate, reason: result.reason });
  }
  return { ok: false, failures, message: notFoundMessage(settings) };
}

interface ExecError extends Error {
  code?: string | number | null;
  killed?: boolean;
  signal?: NodeJS.Signals | null;
}

function lastLine(text: string): string {
  const lines = text.trim().split(/\r?\n/);
  return (lines[lines.length - 1] ?? '').trim().slice(0, 200);
}

/** Why a probe failed, in words: not found, timed out, or what the command printed. */
export function probeFailureReason(error: ExecError, stderr: string, timeoutMs: number): string {
  if (error.code === 'ENOENT') {
    return 'not found';
  }
  if (error.code === 'EACCES') {
    return 'not executable';
  }
  if (error.killed || error.signal) {
    return `no answer within ${Math.round(timeoutMs / 1000)} s`;
  }
  const said = lastLine(stderr);
  const status = typeof error.code === 'number' ? `exit status ${error.code}` : error.message;
  return said ? `${status}: ${said}` : status;
}

/** The real probe: `command args... --version` must print `blog-lsp <version>`. */
export function probeVersion(
  command: string,
  args: readonly string[],
  timeoutMs: number,
  env: NodeJS.ProcessEnv = process.env,
): Promise<ProbeResult> {
  return new Promise((resolve) => {
    execFile(
      command,
      [...args, '--version'],
      { timeout: timeoutMs, windowsHide: true, env, encoding: 'utf8' },
      (error, stdout, stderr) => {
        if (error) {
          resolve({ ok: false, reason: probeFailureReason(error, stderr, timeoutMs) });
          return;
        }
        // Another program called blog-lsp, or a Python without blog_lsp, must not pass.
        const match = /^blog-lsp\s+(\S+)/m.exec(stdout);
        if (match?.[1] === undefined) {
          const said = lastLine(stdout) || lastLine(stderr) || 'nothing';
          resolve({ ok: false, reason: `did not answer like blog-lsp (it printed ${JSON.stringify(said)})` });
          return;
        }
        resolve({ ok: true, version: match[1] });
      },
    );
  });
}
