// Builds the blog-lsp wheel from this repository into server/, where the .vsix carries it for
// "Install blog-lsp". Uses BLOG_LSP_PYTHON, else python3 (or python), with pip: `pip wheel`
// builds it as `python -m build` would (PEP 517, setuptools fetched from the package index).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const extension = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const repository = path.resolve(extension, '..', '..');
const out = path.join(extension, 'server');

const pythons = [process.env.BLOG_LSP_PYTHON, 'python3', 'python'].filter(Boolean);
const python = pythons.find((candidate) => {
  try {
    execFileSync(candidate, ['-m', 'pip', '--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
});
if (python === undefined) {
  console.error(`wheel: no Python with pip among ${pythons.join(', ')}: set BLOG_LSP_PYTHON`);
  process.exit(1);
}
fs.rmSync(out, { recursive: true, force: true });
execFileSync(
  python,
  ['-m', 'pip', 'wheel', '--quiet', '--disable-pip-version-check', '--no-deps', '--wheel-dir', out, repository],
  { stdio: ['ignore', 'inherit', 'inherit'] },
);
const wheels = fs.readdirSync(out).filter((name) => /^blog_lsp-.+-py3-none-any\.whl$/.test(name));
if (wheels.length !== 1) {
  console.error(`wheel: expected one blog_lsp wheel in ${out}, found ${JSON.stringify(fs.readdirSync(out))}`);
  process.exit(1);
}
console.log(`wheel: server/${wheels[0]}`);
