/**
 * Blog LSP for VS Code: starts the blog-lsp language server for Markdown notes and adds the
 * "Blog:" commands to the palette.
 */
import * as vscode from 'vscode';

import { fixAll, insertRelatedNote, insertSuggestedTag, newDraft, setStatus } from './commands';
import { ServerController } from './server';
import { SECTION } from './settings';

let server: ServerController | undefined;

// The Settings editor saves as the writer types: wait for a pause before restarting.
const RESTART_DELAY_MS = 1_500;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('Blog LSP');
  const controller = new ServerController(output, context);
  server = controller;
  let pendingRestart: NodeJS.Timeout | undefined;
  context.subscriptions.push(
    output,
    vscode.commands.registerCommand('blogLsp.newDraft', () => newDraft(controller)),
    vscode.commands.registerCommand('blogLsp.fixAll', () => fixAll(controller)),
    vscode.commands.registerCommand('blogLsp.insertRelatedNote', () => insertRelatedNote(controller)),
    vscode.commands.registerCommand('blogLsp.insertSuggestedTag', () => insertSuggestedTag(controller)),
    vscode.commands.registerCommand('blogLsp.setStatus', () => setStatus(controller)),
    vscode.commands.registerCommand('blogLsp.restartServer', () => controller.restart()),
    vscode.commands.registerCommand('blogLsp.showOutput', () => output.show(true)),
    vscode.commands.registerCommand('blogLsp.installServer', () => controller.install()),
    vscode.workspace.onDidChangeConfiguration((event) => {
      // A new server path or Python may fix (or break) the start: try again with it, once.
      if (event.affectsConfiguration(`${SECTION}.server`)) {
        clearTimeout(pendingRestart);
        pendingRestart = setTimeout(() => void controller.restart(), RESTART_DELAY_MS);
      }
    }),
    { dispose: () => clearTimeout(pendingRestart) },
  );
  // Not awaited: activation must not wait for the server's probes and start.
  void controller.start();
}

export async function deactivate(): Promise<void> {
  await server?.stop();
  server = undefined;
}
