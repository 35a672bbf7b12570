/**
 * package.json's settings agree with the server's one schema. settings-schema.json is that
 * schema as written by tools/vscode_settings.py, which also writes the package.json entry; a
 * Python test checks both are up to date, this one that they say the same thing.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';

import { CLIENT_ONLY_KEYS, SECTION } from '../src/settings';

// Compiled to out/test/: the extension folder is two levels up.
const EXTENSION = path.resolve(__dirname, '..', '..');

interface SchemaRow {
  key: string;
  editorKey: string;
  type: string;
  default: unknown;
  description: string;
  choices?: string[];
  minimum?: number;
  maximum?: number;
  value_choices?: string[];
}

interface Schema {
  section: string;
  settings: SchemaRow[];
  rules: Record<string, string>;
}

interface Property {
  type: string;
  default: unknown;
  description?: string;
  markdownDescription?: string;
  enum?: string[];
  minimum?: number;
  maximum?: number;
  items?: { type: string };
  properties?: Record<string, Property>;
  additionalProperties?: unknown;
  order?: number;
}

interface ConfigurationEntry {
  id?: string;
  title: string;
  properties: Record<string, Property>;
}

interface Command {
  command: string;
  title: string;
  category?: string;
}

interface PackageJson {
  name: string;
  version: string;
  main: string;
  activationEvents: string[];
  contributes: { configuration: ConfigurationEntry[]; commands: Command[] };
}

function readJson<T>(name: string): T {
  return JSON.parse(fs.readFileSync(path.join(EXTENSION, name), 'utf8')) as T;
}

const schema = readJson<Schema>('settings-schema.json');
const pkg = readJson<PackageJson>('package.json');
const entries = pkg.contributes.configuration;
const serverEntry = entries.find((entry) => entry.id === SECTION);
const extensionEntries = entries.filter((entry) => entry.id !== SECTION);

describe('contributes.configuration', () => {
  it('has the server entry', () => {
    assert.ok(serverEntry, `no configuration entry with id ${SECTION}`);
    assert.equal(schema.section, SECTION);
  });

  it('lists every server setting, in the schema order, and nothing else', () => {
    assert.deepEqual(
      Object.keys(serverEntry?.properties ?? {}),
      schema.settings.map((row) => row.editorKey),
    );
  });

  for (const row of schema.settings) {
    it(`${row.editorKey}: type, default, description and allowed values match the schema`, () => {
      const prop = serverEntry?.properties[row.editorKey];
      assert.ok(prop);
      assert.equal(prop.type, row.type);
      assert.deepEqual(prop.default, row.default);
      assert.equal(prop.description, row.description);
      assert.deepEqual(prop.enum, row.choices);
      assert.equal(prop.minimum, row.minimum);
      assert.equal(prop.maximum, row.maximum);
      if (row.type === 'array') {
        assert.deepEqual(prop.items, { type: 'string' });
      }
      if (row.value_choices !== undefined) {
        const perRule = prop.properties ?? {};
        assert.deepEqual(Object.keys(perRule), Object.keys(schema.rules));
        for (const rule of Object.values(perRule)) {
          assert.deepEqual(rule.enum, row.value_choices);
        }
        assert.equal(prop.additionalProperties, false);
      }
    });
  }

  it("keeps the extension's own settings apart from the server's", () => {
    const serverKeys = new Set(schema.settings.map((row) => row.editorKey));
    const own = extensionEntries.flatMap((entry) => Object.keys(entry.properties));
    assert.deepEqual(own.sort(), ['blogLsp.server.path', 'blogLsp.server.python', 'blogLsp.trace.server']);
    for (const key of own) {
      assert.ok(!serverKeys.has(key), `${key} is also a server setting`);
      // What the client leaves out of the section sent to the server.
      const topLevel = key.split('.')[1] ?? '';
      assert.ok(CLIENT_ONLY_KEYS.includes(topLevel), `${key} would be sent to the server`);
    }
    for (const row of schema.settings) {
      const topLevel = row.editorKey.split('.')[1] ?? '';
      assert.ok(!CLIENT_ONLY_KEYS.includes(topLevel), `${row.editorKey} would never reach the server`);
    }
  });

  it('blogLsp.trace.server offers off, messages and verbose', () => {
    const trace = extensionEntries.find((entry) => 'blogLsp.trace.server' in entry.properties)?.properties[
      'blogLsp.trace.server'
    ];
    assert.deepEqual(trace?.enum, ['off', 'messages', 'verbose']);
    assert.equal(trace?.default, 'off');
  });
});

describe('the rest of package.json', () => {
  it('puts the eight commands in the palette under "Blog"', () => {
    const titles = pkg.contributes.commands.map((command) => `${command.category}: ${command.title}`);
    assert.deepEqual(titles, [
      'Blog: New Draft',
      'Blog: Fix All British Spellings',
      'Blog: Insert Link to a Related Note',
      'Blog: Insert a Suggested Tag',
      'Blog: Set Draft Status',
      'Blog: Restart Server',
      'Blog: Show Output',
      'Blog: Install Server',
    ]);
  });

  it('registers a handler for every contributed command', () => {
    const source = fs.readFileSync(path.join(EXTENSION, 'src', 'extension.ts'), 'utf8');
    for (const { command } of pkg.contributes.commands) {
      assert.ok(source.includes(`registerCommand('${command}'`), `${command} has no handler`);
    }
  });

  it('activates on Markdown and in vaults', () => {
    assert.ok(pkg.activationEvents.includes('onLanguage:markdown'));
    assert.ok(pkg.activationEvents.some((event) => event.startsWith('workspaceContains:') && event.includes('.obsidian')));
  });

  it('runs the bundle', () => {
    assert.equal(pkg.main, './dist/extension.js');
  });
});
