/**
 * Starting, stopping and restarting the blog-lsp language client; installing the server the
 * extension carries when none is found.
 */
import * as fs from 'node:fs';

import * as vscode from 'vscode';
import {
  CloseAction,
  DidChangeConfigurationNotification,
  type ErrorHandler,
  LanguageClient,
  type LanguageClientOptions,
  ResponseError,
  RevealOutputChannelOn,
  type ServerOptions,
} from 'vscode-languageclient/node';

import { bundledWheel, installedIsStale, installServer, privateEnvironment, pythonCandidates, wheelVersion } from './install';
import {
  describeCandidate,
  describeCommand,
  type Resolution,
  resolveServerCommand,
  serverExecutable,
  type ServerSettings,
} from './serverCommand';
import { CLIENT_ID, configurationAnswer, SECTION, sectionKeys, serverSettings } from './settings';

const CLIENT_NAME = 'Blog LSP';
const STOP_TIMEOUT_MS = 5_000;
// After a good start, a crashed server is restarted this many times (in three minutes) at most.
const MAX_RESTARTS = 4;
const OPEN_SETTINGS = 'Open Settings';
const SHOW_OUTPUT = 'Show Output';
export const INSTALL = 'Install blog-lsp';
const UPDATE = 'Update blog-lsp';

/** The `blogLsp` settings the writer has set, without the extension's own. */
function settingsForServer(): Record<string, unknown> {
  const config = vscode.workspace.getConfiguration(SECTION);
  return serverSettings({
    keys: () => sectionKeys(vscode.workspace.getConfiguration().get<unknown>(SECTION)),
    inspect: (key) => config.inspect(key),
    get: (key) => config.get(key),
  });
}

export class ServerController {
  private client: LanguageClient | undefined;
  // Where the running server came from ('installed': the private environment).
  private clientSource: string | undefined;
  // Starts, stops and restarts run one after another, never interleaved.
  private queue: Promise<void> = Promise.resolve();

  private installing = false;

  constructor(
    private readonly output: vscode.OutputChannel,
    private readonly context: vscode.ExtensionContext,
  ) {}

  /** The private environment of this extension (it may not have been made yet). */
  private environment(): ReturnType<typeof privateEnvironment> {
    return privateEnvironment(this.context.globalStorageUri.fsPath);
  }

  /** Start the server (once at activation, then on restart or a change of `blogLsp.server`). */
  start(): Promise<void> {
    return this.enqueue(() => this.startNow());
  }

  restart(): Promise<void> {
    return this.enqueue(async () => {
      await this.stopNow();
      await this.startNow();
    });
  }

  stop(): Promise<void> {
    return this.enqueue(() => this.stopNow());
  }

  /** The running client, after any start or restart under way; undefined when none runs. */
  async runningClient(): Promise<LanguageClient | undefined> {
    await this.queue;
    return this.client?.isRunning() ? this.client : undefined;
  }

  private enqueue(task: () => Promise<void>): Promise<void> {
    const next = this.queue.then(task);
    this.queue = next.catch((error: unknown) => this.log(`unexpected error: ${String(error)}`));
    return this.queue;
  }

  private log(line: string): void {
    this.output.appendLine(`[extension] ${line}`);
  }

  private async startNow(): Promise<void> {
    const resolution = await this.resolve();
    if (!resolution.ok) {
      return;
    }
    const serverOptions: ServerOptions = serverExecutable(resolution.server);
    let started = false;
    const client: LanguageClient = new LanguageClient(
      CLIENT_ID,
      CLIENT_NAME,
      serverOptions,
      this.clientOptions(() => client, () => started),
    );
    this.client = client;
    this.clientSource = resolution.server.source;
    try {
      await client.start();
      started = true;
      this.log(`started blog-lsp ${resolution.version}: ${describeCommand(resolution.server)}`);
      const wheel = bundledWheel(this.context.extensionPath);
      if (installedIsStale(resolution.server.source, resolution.version, wheel)) {
        void this.offerUpdate(resolution.version, wheelVersion(wheel) ?? '');
      }
    } catch (error) {
      this.client = undefined;
      this.clientSource = undefined;
      const reason = error instanceof Error ? error.message : String(error);
      this.log(`blog-lsp did not start: ${reason}`);
      void this.showError(
        `The blog-lsp server (${describeCommand(resolution.server)}) stopped while starting; ` +
          'the output shows what it printed.',
      );
      await client.dispose().catch(() => undefined);
    }
  }

  private async stopNow(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    this.clientSource = undefined;
    if (client === undefined) {
      return;
    }
    try {
      // dispose() stops the server (shutdown, exit) if it runs, and frees the client.
      await client.dispose(STOP_TIMEOUT_MS);
    } catch (error) {
      this.log(`blog-lsp did not stop cleanly: ${String(error)}`);
    }
  }

  /** Find the server command; say what to do when there is none. Never retried on its own. */
  private async resolve(): Promise<Resolution> {
    const config = vscode.workspace.getConfiguration(SECTION);
    const settings: ServerSettings = {
      path: config.get<string>('server.path', ''),
      python: config.get<string>('server.python', ''),
    };
    const folder = vscode.workspace.workspaceFolders?.[0];
    const installed = this.environment().server;
    const resolution = await resolveServerCommand(settings, {
      ...(folder?.uri.scheme === 'file' ? { workspaceFolder: folder.uri.fsPath } : {}),
      ...(fs.existsSync(installed) ? { installedServer: installed } : {}),
    });
    for (const failure of resolution.failures) {
      this.log(`tried ${describeCandidate(failure.candidate)}: ${failure.reason}`);
    }
    if (!resolution.ok) {
      this.log(resolution.message);
      const canInstall = bundledWheel(this.context.extensionPath) !== undefined;
      void this.showError(resolution.message, ...(canInstall ? [INSTALL] : []), OPEN_SETTINGS);
      return resolution;
    }
    const brokenSetting = resolution.failures.find((failure) => failure.candidate.source === 'setting');
    if (brokenSetting !== undefined) {
      // The writer asked for this command: say it does not work rather than hide it.
      void vscode.window
        .showWarningMessage(
          `blogLsp.server.path (${brokenSetting.candidate.command}) does not work: ` +
            `${brokenSetting.reason}. Using ${describeCandidate(resolution.server)} instead.`,
          OPEN_SETTINGS,
        )
        .then((choice) => (choice === OPEN_SETTINGS ? openServerSettings() : undefined));
    }
    return resolution;
  }

  private async showError(message: string, ...extra: string[]): Promise<void> {
    const choice = await vscode.window.showErrorMessage(message, ...extra, SHOW_OUTPUT);
    if (choice === INSTALL) {
      await this.install();
    } else if (choice === OPEN_SETTINGS) {
      await openServerSettings();
    } else if (choice === SHOW_OUTPUT) {
      this.output.show(true);
    }
  }

  private async offerUpdate(installed: string, carried: string): Promise<void> {
    const choice = await vscode.window.showInformationMessage(
      `Blog LSP installed blog-lsp ${installed}, and now carries blog-lsp ${carried}.`,
      UPDATE,
    );
    if (choice === UPDATE) {
      await this.install();
    }
  }

  /**
   * Install the bundled server into the private environment (on the writer's consent, from
   * the notification, or Blog: Install Server), with progress, then start it. Failures say
   * what to do.
   */
  async install(): Promise<void> {
    const wheel = bundledWheel(this.context.extensionPath);
    if (wheel === undefined) {
      void vscode.window.showErrorMessage(
        'This copy of the Blog LSP extension carries no blog-lsp to install (it was packaged ' +
          "without the server's wheel). Install blog-lsp yourself (pipx install . in a clone of " +
          "blog-lsp), or package the extension with 'npm run package'.",
      );
      return;
    }
    if (this.installing) {
      void vscode.window.showInformationMessage('Blog LSP is installing blog-lsp already.');
      return;
    }
    this.installing = true;
    try {
      // The install remakes the private environment: its server must not run from it meanwhile.
      await this.enqueue(async () => {
        if (this.clientSource === 'installed') {
          await this.stopNow();
        }
      });
      const pythons = pythonCandidates(
        await pythonFromExtension(),
        vscode.workspace.getConfiguration(SECTION).get<string>('server.python', ''),
      );
      const result = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: 'Installing blog-lsp', cancellable: false },
        (progress) =>
          installServer({
            storage: this.context.globalStorageUri.fsPath,
            wheel,
            pythons,
            progress: (_step, message) => {
              this.log(message);
              progress.report({ message });
            },
          }),
      );
      if (!result.ok) {
        this.log(`${result.message}\n${result.detail}`);
        void this.showError(result.message, INSTALL);
        return;
      }
      this.log(`installed blog-lsp ${result.version} with Python ${result.python.version}: ${result.server}`);
      await this.restart();
      if (this.clientSource === 'installed') {
        void vscode.window.showInformationMessage(`Blog LSP installed blog-lsp ${result.version} and started it.`);
      } else if (this.clientSource !== undefined) {
        // blogLsp.server.path and PATH come first (see serverCandidates); a failed start has
        // said why already.
        void vscode.window.showInformationMessage(
          `Blog LSP installed blog-lsp ${result.version}; the blog-lsp of blogLsp.server.path or your PATH ` +
            'still comes first, as the output shows.',
          SHOW_OUTPUT,
        ).then((choice) => (choice === SHOW_OUTPUT ? this.output.show(true) : undefined));
      }
    } finally {
      this.installing = false;
    }
  }

  /**
   * A server that fails while starting is reported once (by startNow) and not started again
   * on its own; one that crashes after a good start gets the client's usual few restarts.
   */
  private errorHandler(self: () => LanguageClient, started: () => boolean): ErrorHandler {
    let usual: ErrorHandler | undefined;
    const fallback = (): ErrorHandler => (usual ??= self().createDefaultErrorHandler(MAX_RESTARTS));
    return {
      error: (error, message, count) => fallback().error(error, message, count),
      closed: () => (started() ? fallback().closed() : { action: CloseAction.DoNotRestart, handled: true }),
    };
  }

  private clientOptions(self: () => LanguageClient, started: () => boolean): LanguageClientOptions {
    return {
      documentSelector: [{ scheme: 'file', language: 'markdown' }],
      // File watching (**/*.md, **/.blog-lsp.toml) is not set up here: the server registers
      // those watchers itself, and doing both would report every change twice.
      synchronize: { configurationSection: SECTION },
      initializationOptions: () => ({ [SECTION]: settingsForServer() }),
      outputChannel: this.output,
      revealOutputChannelOn: RevealOutputChannelOn.Never,
      errorHandler: this.errorHandler(self, started),
      middleware: {
        workspace: {
          // VS Code would answer with every default and the extension's own settings: the
          // server gets only what the writer set (see serverSettings), asked or told.
          configuration: async (params, token, next) => {
            const answers = await next(params, token);
            if (answers instanceof ResponseError || !Array.isArray(answers)) {
              return answers;
            }
            const settings = settingsForServer();
            return answers.map((answer: unknown, index: number) =>
              configurationAnswer(params.items[index]?.section, answer, settings),
            );
          },
          didChangeConfiguration: async () => {
            await self().sendNotification(DidChangeConfigurationNotification.type, {
              settings: { [SECTION]: settingsForServer() },
            });
          },
        },
      },
    };
  }
}

/** The interpreter the Python extension has chosen, when it is installed. */
async function pythonFromExtension(): Promise<string | undefined> {
  try {
    const extension = vscode.extensions.getExtension('ms-python.python');
    if (extension === undefined) {
      return undefined;
    }
    const api = (extension.isActive ? extension.exports : await extension.activate()) as
      | { environments?: { getActiveEnvironmentPath?: () => { path?: string } | undefined } }
      | undefined;
    return api?.environments?.getActiveEnvironmentPath?.()?.path || undefined;
  } catch {
    return undefined;
  }
}

export async function openServerSettings(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.openSettings', `${SECTION}.server`);
}
