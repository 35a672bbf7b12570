/**
 * What the server is told of the `blogLsp` settings section. No `vscode` import: unit-tested
 * with Node's test runner.
 */

/** The configuration section the server reads (`workspace/configuration`). */
export const SECTION = 'blogLsp';

/** The client id: vscode-languageclient reads `<id>.trace.server` for protocol traces. */
export const CLIENT_ID = SECTION;

/**
 * Top-level keys of the section that belong to the extension (`blogLsp.server.path`,
 * `blogLsp.server.python`, `blogLsp.trace.server`). The server reports any key it does not
 * know as an ignored setting, so these never reach it; everything else does, typos included,
 * so the server can say "did you mean...".
 */
export const CLIENT_ONLY_KEYS: readonly string[] = ['server', 'trace'];

export type JsonObject = { [key: string]: unknown };

/** The values a setting has in each place it can be set (VS Code's `inspect`). */
export interface SettingInspection {
  readonly defaultValue?: unknown;
  readonly globalValue?: unknown;
  readonly workspaceValue?: unknown;
  readonly workspaceFolderValue?: unknown;
}

/** The section as VS Code holds it. */
export interface SectionReader {
  /** The section's top-level keys: contributed ones, and any others set in settings.json. */
  keys(): readonly string[];
  inspect(key: string): SettingInspection | undefined;
  /** The value in force (VS Code merges object values across user and workspace). */
  get(key: string): unknown;
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The top-level keys of a section value, for a SectionReader. */
export function sectionKeys(section: unknown): string[] {
  return isObject(section) ? Object.keys(section) : [];
}

function isSetByWriter(inspection: SettingInspection | undefined): boolean {
  return (
    inspection !== undefined &&
    (inspection.globalValue !== undefined ||
      inspection.workspaceValue !== undefined ||
      inspection.workspaceFolderValue !== undefined)
  );
}

/**
 * The settings to send to the server: only those the writer has set (in user, workspace or
 * folder settings), never the extension's own. VS Code answers every contributed setting with
 * its default; sent as they are, those defaults would override the vault's `.blog-lsp.toml`
 * (editor settings win over it), so a key left alone is left out.
 */
export function serverSettings(reader: SectionReader): JsonObject {
  const result: JsonObject = {};
  for (const key of reader.keys()) {
    if (CLIENT_ONLY_KEYS.includes(key) || !isSetByWriter(reader.inspect(key))) {
      continue;
    }
    const value = reader.get(key);
    if (value !== undefined) {
      result[key] = JSON.parse(JSON.stringify(value));
    }
  }
  return result;
}

/**
 * One answer to a `workspace/configuration` item: `blogLsp` gets `settings` (what
 * serverSettings gave) instead of VS Code's own answer, no section (everything) gets it inside;
 * any other section is answered as VS Code answered it.
 */
export function configurationAnswer(section: string | null | undefined, answer: unknown, settings: JsonObject): unknown {
  if (section === SECTION) {
    return settings;
  }
  if (section === undefined || section === null || section === '') {
    return isObject(answer) ? { ...answer, [SECTION]: settings } : answer;
  }
  return answer;
}
