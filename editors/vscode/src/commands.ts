/**
 * The palette commands that talk to the server: "Blog: New Draft", "Blog: Fix All British
 * Spellings" and "Blog: Set Draft Status". The server's own commands are named `blog-lsp.*`;
 * the extension's `blogLsp.*`.
 */
import * as vscode from 'vscode';
import { ExecuteCommandRequest, type LanguageClient, ResponseError } from 'vscode-languageclient/node';

import type { ServerController } from './server';
import { SECTION } from './settings';

export const NEW_DRAFT = 'blog-lsp.newDraft';
export const FIX_ALL_KIND = 'source.fixAll.blog-lsp';
export const SET_STATUS = 'blog-lsp.setStatus';
const DEFAULT_STATUSES = ['draft', 'review', 'published'];

/** The argument object of the server's `blog-lsp.newDraft`. */
interface NewDraftArguments {
  title: string;
  description?: string;
  uri?: string;
  allowDuplicate?: boolean;
}

const RESTART = 'Restart Server';
const SHOW_OUTPUT = 'Show Output';

/** The running client, or undefined after telling the writer the server is not running. */
async function clientOrExplain(server: ServerController): Promise<LanguageClient | undefined> {
  const client = await server.runningClient();
  if (client === undefined) {
    const choice = await vscode.window.showErrorMessage(
      'The blog-lsp server is not running. Restart it, or see the output for why it stopped.',
      RESTART,
      SHOW_OUTPUT,
    );
    if (choice === RESTART) {
      await vscode.commands.executeCommand('blogLsp.restartServer');
    } else if (choice === SHOW_OUTPUT) {
      await vscode.commands.executeCommand('blogLsp.showOutput');
    }
  }
  return client;
}

/**
 * Which vault the draft goes to, as a URI the server accepts: the active note's (when it is
 * in the workspace, or there is no workspace folder), a folder the writer picks when there
 * are several, else none (the server takes the first workspace folder).
 */
async function vaultHint(): Promise<{ uri?: vscode.Uri; cancelled: boolean }> {
  const active = vscode.window.activeTextEditor?.document.uri;
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (active?.scheme === 'file' && (folders.length === 0 || vscode.workspace.getWorkspaceFolder(active))) {
    return { uri: active, cancelled: false };
  }
  if (folders.length > 1) {
    const folder = await vscode.window.showWorkspaceFolderPick({ placeHolder: 'The vault for the new draft' });
    return folder === undefined ? { cancelled: true } : { uri: folder.uri, cancelled: false };
  }
  return { cancelled: false };
}

async function requestNewDraft(client: LanguageClient, options: NewDraftArguments): Promise<string> {
  const result: unknown = await client.sendRequest(ExecuteCommandRequest.type, {
    command: NEW_DRAFT,
    arguments: [options],
  });
  if (typeof result !== 'string') {
    throw new Error(`${NEW_DRAFT} answered ${JSON.stringify(result)} instead of the new draft's URI.`);
  }
  return result;
}

async function openDraft(client: LanguageClient, uri: string): Promise<void> {
  // The server has written the draft to disk, complete: it only needs showing.
  const document = await vscode.workspace.openTextDocument(client.protocol2CodeConverter.asUri(uri));
  await vscode.window.showTextDocument(document);
}

export async function newDraft(server: ServerController): Promise<void> {
  const client = await clientOrExplain(server);
  if (client === undefined) {
    return;
  }
  const title = await vscode.window.showInputBox({
    title: 'New blog draft',
    prompt: "The post's title; the draft goes in the drafts folder, named after it.",
    placeHolder: 'Fine-Tune a Small Model on Your Own Notes',
    ignoreFocusOut: true,
    validateInput: (value) => (value.trim() ? undefined : 'Give the draft a title.'),
  });
  if (title === undefined) {
    return;
  }
  const description = await vscode.window.showInputBox({
    title: 'New blog draft: description',
    prompt: 'The SEO description, under 160 characters (leave it empty to write it later).',
    placeHolder: 'Learn how to fine-tune a small model on your own notes, with code.',
    ignoreFocusOut: true,
  });
  if (description === undefined) {
    return;
  }
  const vault = await vaultHint();
  if (vault.cancelled) {
    return;
  }
  const options: NewDraftArguments = { title: title.trim() };
  if (description.trim()) {
    options.description = description.trim();
  }
  if (vault.uri !== undefined) {
    options.uri = client.code2ProtocolConverter.asUri(vault.uri);
  }
  try {
    await openDraft(client, await requestNewDraft(client, options));
  } catch (error) {
    await explainRefusal(client, options, error);
  }
}

/** What the server's refusals carry for the editor to offer: the other draft, a shorter title. */
interface RefusalData {
  existing?: unknown;
  shortened?: unknown;
}

/**
 * The server's reason, as it gave it; for a near-duplicate title, a way forward; for a title
 * too long for search results, the shorter one the server proposes, used only if the writer
 * says so.
 */
async function explainRefusal(client: LanguageClient, options: NewDraftArguments, error: unknown): Promise<void> {
  const message = error instanceof Error ? error.message : String(error);
  const data = error instanceof ResponseError ? (error.data as RefusalData | undefined) : undefined;
  const existing = data?.existing;
  const shortened = data?.shortened;
  if (typeof shortened === 'string') {
    const useShorter = 'Use the Shorter Title';
    const choice = await vscode.window.showWarningMessage(`New draft: ${message}`, useShorter);
    if (choice === useShorter) {
      const shorter = { ...options, title: shortened };
      try {
        await openDraft(client, await requestNewDraft(client, shorter));
      } catch (again) {
        await explainRefusal(client, shorter, again);
      }
    }
    return;
  }
  if (typeof existing !== 'string') {
    await vscode.window.showErrorMessage(`New draft: ${message}`);
    return;
  }
  const openExisting = 'Open Existing Draft';
  const createAnyway = 'Create Anyway';
  const choice = await vscode.window.showWarningMessage(`New draft: ${message}`, openExisting, createAnyway);
  try {
    if (choice === openExisting) {
      await vscode.window.showTextDocument(client.protocol2CodeConverter.asUri(existing));
    } else if (choice === createAnyway) {
      await openDraft(client, await requestNewDraft(client, { ...options, allowDuplicate: true }));
    }
  } catch (again) {
    await vscode.window.showErrorMessage(`New draft: ${again instanceof Error ? again.message : String(again)}`);
  }
}

export async function fixAll(server: ServerController): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (editor === undefined || editor.document.languageId !== 'markdown') {
    await vscode.window.showInformationMessage('Open a Markdown note to fix its British spellings.');
    return;
  }
  if ((await clientOrExplain(server)) === undefined) {
    return;
  }
  const document = editor.document;
  const whole = document.validateRange(new vscode.Range(0, 0, document.lineCount, 0));
  const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[] | undefined>(
    'vscode.executeCodeActionProvider',
    document.uri,
    whole,
    FIX_ALL_KIND,
  );
  const fix = (actions ?? []).find(
    (action): action is vscode.CodeAction => 'kind' in action && action.kind?.value === FIX_ALL_KIND,
  );
  if (fix === undefined) {
    await vscode.window.showInformationMessage('No British spellings to fix in this note.');
    return;
  }
  if (fix.edit !== undefined && !(await vscode.workspace.applyEdit(fix.edit))) {
    await vscode.window.showWarningMessage('The note changed while the fixes were prepared: try again.');
    return;
  }
  if (fix.command !== undefined) {
    await vscode.commands.executeCommand(fix.command.command, ...(fix.command.arguments ?? []));
  }
}

/**
 * The statuses to pick from: the editor setting when the writer set one, else the defaults
 * (a vault's own .blog-lsp.toml may allow others: the server names them if one is refused).
 */
function statusChoices(uri: vscode.Uri): string[] {
  const setting = vscode.workspace.getConfiguration(SECTION, uri).inspect<string[]>('statusValues');
  const chosen = setting?.workspaceFolderValue ?? setting?.workspaceValue ?? setting?.globalValue;
  return chosen !== undefined && chosen.length > 0 ? chosen : DEFAULT_STATUSES;
}

/**
 * The active draft's status, picked from a list: the server edits its `status:` (the edit is
 * left unsaved, as a quick fix is), or says why not; publishing with errors or warnings left
 * is refused, naming them. The "Mark as review" / "Mark as published" code actions run the
 * same server command.
 */
export async function setStatus(server: ServerController): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (editor === undefined || editor.document.languageId !== 'markdown') {
    await vscode.window.showInformationMessage('Open a blog draft to set its status.');
    return;
  }
  const client = await clientOrExplain(server);
  if (client === undefined) {
    return;
  }
  const status = await vscode.window.showQuickPick(statusChoices(editor.document.uri), {
    title: 'Set the draft status',
    placeHolder: 'The new status; published only once the checks find no errors or warnings',
  });
  if (status === undefined) {
    return;
  }
  try {
    const result: unknown = await client.sendRequest(ExecuteCommandRequest.type, {
      command: SET_STATUS,
      arguments: [{ uri: client.code2ProtocolConverter.asUri(editor.document.uri), status }],
    });
    if (typeof result === 'object' && result !== null && (result as { changed?: unknown }).changed === false) {
      await vscode.window.showInformationMessage(`The status is already ${status}.`);
    }
  } catch (error) {
    await vscode.window.showErrorMessage(`Set status: ${error instanceof Error ? error.message : String(error)}`);
  }
}

export const RELATED_NOTES = 'blog-lsp.relatedNotes';
export const SUGGEST_TAGS = 'blog-lsp.suggestTags';

interface RelatedNote {
  target: string;
  path: string;
  title: string;
  why: string;
}

interface SuggestedTag {
  tag: string;
  source: string;
}

/** Whether a position is in the note's frontmatter (between its opening and closing '---'). */
function inFrontmatter(document: vscode.TextDocument, line: number): boolean {
  if (line === 0 || document.lineCount === 0 || document.lineAt(0).text !== '---') {
    return false;
  }
  for (let index = 1; index < line; index++) {
    const text = document.lineAt(index).text;
    if (text === '---' || text === '...') {
      return false;
    }
  }
  return true;
}

/**
 * Asks the server for a list about the active note, lets the writer pick one, and inserts
 * what `insert` makes of it at the cursor.
 */
async function pickAndInsert<T>(
  server: ServerController,
  command: string,
  what: string,
  describe: (item: T) => vscode.QuickPickItem,
  insert: (item: T, document: vscode.TextDocument, line: number) => string,
): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (editor === undefined || editor.document.languageId !== 'markdown') {
    await vscode.window.showInformationMessage(`Open a Markdown note to see its ${what}.`);
    return;
  }
  const client = await clientOrExplain(server);
  if (client === undefined) {
    return;
  }
  let items: T[];
  try {
    const result: unknown = await client.sendRequest(ExecuteCommandRequest.type, {
      command,
      arguments: [{ uri: client.code2ProtocolConverter.asUri(editor.document.uri) }],
    });
    items = Array.isArray(result) ? (result as T[]) : [];
  } catch (error) {
    await vscode.window.showErrorMessage(`blog-lsp: ${error instanceof Error ? error.message : String(error)}`);
    return;
  }
  if (items.length === 0) {
    await vscode.window.showInformationMessage(`No ${what} for this note.`);
    return;
  }
  const picked = await vscode.window.showQuickPick(
    items.map((item) => ({ ...describe(item), item })),
    { title: `Insert one of the ${what}`, matchOnDescription: true, matchOnDetail: true },
  );
  if (picked === undefined) {
    return;
  }
  const line = editor.selection.active.line;
  await editor.edit((builder) => builder.replace(editor.selection, insert(picked.item, editor.document, line)));
}

export async function insertRelatedNote(server: ServerController): Promise<void> {
  await pickAndInsert<RelatedNote>(
    server,
    RELATED_NOTES,
    'related notes',
    (note) => ({ label: note.target, description: note.path, detail: note.why }),
    (note) => `[[${note.target}]]`,
  );
}

export async function insertSuggestedTag(server: ServerController): Promise<void> {
  await pickAndInsert<SuggestedTag>(
    server,
    SUGGEST_TAGS,
    'suggested tags',
    (tag) => ({ label: tag.tag, description: tag.source === 'spec' ? "the guide's vocabulary" : 'used in the vault' }),
    (tag, document, line) => (inFrontmatter(document, line) ? tag.tag : `#${tag.tag}`),
  );
}
