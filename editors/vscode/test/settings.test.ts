import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import {
  CLIENT_ID,
  configurationAnswer,
  SECTION,
  type SectionReader,
  sectionKeys,
  type SettingInspection,
  serverSettings,
} from '../src/settings';

/** A stand-in for VS Code's configuration: each key's values per place, merged like VS Code. */
function reader(values: Record<string, SettingInspection>): SectionReader {
  return {
    keys: () => Object.keys(values),
    inspect: (key) => values[key],
    get: (key) => {
      const value = values[key];
      return value?.workspaceFolderValue ?? value?.workspaceValue ?? value?.globalValue ?? value?.defaultValue;
    },
  };
}

describe('the blogLsp settings sent to the server', () => {
  it("sends what the writer set, not VS Code's defaults, which would override .blog-lsp.toml", () => {
    const settings = serverSettings(
      reader({
        draftsFolder: { defaultValue: 'Tweets' },
        spellingMode: { defaultValue: 'ise', globalValue: 'oxford' },
        acceptedWords: { defaultValue: [], workspaceValue: ['vLLM'] },
        descriptionMinLength: { defaultValue: 70, workspaceFolderValue: 0 },
        rules: { defaultValue: {}, globalValue: { 'british-style': 'off' } },
      }),
    );
    assert.deepEqual(settings, {
      spellingMode: 'oxford',
      acceptedWords: ['vLLM'],
      descriptionMinLength: 0,
      rules: { 'british-style': 'off' },
    });
  });

  it("never sends the extension's own settings", () => {
    const settings = serverSettings(
      reader({
        server: { defaultValue: { path: '', python: 'python3' }, globalValue: { path: '/opt/blog-lsp' } },
        trace: { defaultValue: { server: 'off' }, globalValue: { server: 'verbose' } },
        blogTag: { defaultValue: 'blog', globalValue: 'post' },
      }),
    );
    assert.deepEqual(settings, { blogTag: 'post' });
  });

  it('sends unknown keys the writer set, so the server can report a misspelt setting', () => {
    assert.deepEqual(serverSettings(reader({ spelingMode: { globalValue: 'ise' } })), { spelingMode: 'ise' });
  });

  it('sends a copy, as plain JSON', () => {
    const words = ['vLLM'];
    const settings = serverSettings(reader({ acceptedWords: { globalValue: words } }));
    words.push('later');
    assert.deepEqual(settings, { acceptedWords: ['vLLM'] });
  });

  it('reads the keys of a section value', () => {
    assert.deepEqual(sectionKeys({ draftsFolder: 'Tweets', server: { path: '' } }), ['draftsFolder', 'server']);
    assert.deepEqual(sectionKeys(undefined), []);
    assert.deepEqual(sectionKeys(['a']), []);
  });
});

describe('workspace/configuration answers', () => {
  const settings = { spellingMode: 'oxford' };
  const vscodeAnswer = { draftsFolder: 'Tweets', spellingMode: 'oxford', server: { path: '' } };

  it('answers the blogLsp section with the settings for the server', () => {
    assert.deepEqual(configurationAnswer(SECTION, vscodeAnswer, settings), settings);
  });

  it('puts them inside an answer for every section', () => {
    const everything = { editor: { tabSize: 2 }, [SECTION]: vscodeAnswer };
    assert.deepEqual(configurationAnswer(undefined, everything, settings), {
      editor: { tabSize: 2 },
      [SECTION]: settings,
    });
  });

  it('leaves other sections alone', () => {
    assert.deepEqual(configurationAnswer('editor', { tabSize: 2 }, settings), { tabSize: 2 });
  });

  it('uses the section as the client id, so blogLsp.trace.server sets the trace', () => {
    assert.equal(CLIENT_ID, 'blogLsp');
  });
});
