// Bundles the extension and vscode-languageclient into one file, dist/extension.js, so the
// .vsix needs no node_modules. `--production` minifies (vsce runs it through vscode:prepublish).
import * as esbuild from 'esbuild';

const production = process.argv.includes('--production');

await esbuild.build({
  entryPoints: ['src/extension.ts'],
  bundle: true,
  outfile: 'dist/extension.js',
  format: 'cjs',
  platform: 'node',
  target: 'node18',
  external: ['vscode'],
  minify: production,
  sourcemap: !production,
  logLevel: 'warning',
});
