/**
 * `npm run kernel [-- --sys-prefix | --prefix DIR | --name NAME]`: registers this project's tslab as a Jupyter
 * kernel ("TypeScript (seglab)") with the Jupyter found on the machine, so JupyterLab, Notebook and VS Code list it.
 * The kernelspec runs the project's kernel entry (lib/dist/src/runner/kernel-main.js: the project's own tslab, which
 * reports busy until a cell's awaited work ends and fails a cell on errors raised outside its awaited code) with the
 * Node that ran this command.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { projectRoot } from '../data/datadir';
import { checkFlags, flag, parseArgs } from './args';

export const KERNEL_NAME = 'seglab';
export const KERNEL_DISPLAY_NAME = 'TypeScript (seglab)';

/** The project's kernel entry under `root` (compiled from lib/src/runner/kernel-main.ts). */
export function kernelEntry(root: string): string {
  return path.join(root, 'lib', 'dist', 'src', 'runner', 'kernel-main.js');
}

/** The kernel.json of this project's kernel (pure). */
export function kernelSpec(root: string, nodePath = process.execPath): Record<string, unknown> {
  return {
    argv: [nodePath, kernelEntry(root), '--config-path', '{connection_file}'],
    display_name: KERNEL_DISPLAY_NAME,
    language: 'typescript',
    interrupt_mode: 'signal',
    metadata: { debugger: false, project: root },
  };
}

function findJupyter(): string | null {
  const r = spawnSync('jupyter', ['--version'], { encoding: 'utf8' });
  return r.status === 0 ? 'jupyter' : null;
}

export function main(argv: string[]): number {
  const args = parseArgs(argv, ['sys-prefix', 'user']);
  checkFlags(args, ['sys-prefix', 'user', 'prefix', 'name'], 'npm run kernel');
  const root = projectRoot();
  const tslab = path.join(root, 'node_modules', '.bin', 'tslab');
  if (!fs.existsSync(tslab)) {
    console.error(`tslab is not installed at ${tslab}: run \`npm install\` first.`);
    return 1;
  }
  if (!fs.existsSync(kernelEntry(root))) {
    console.error(`the kernel entry ${kernelEntry(root)} is not built: run \`npm run build\` first.`);
    return 1;
  }
  const jupyter = findJupyter();
  if (!jupyter) {
    console.error(
      [
        'No Jupyter found on this machine (the `jupyter` command is not on PATH), so there is nothing to register the kernel with.',
        'Install one of:',
        '  - JupyterLab:            pip install jupyterlab        (or: conda install -c conda-forge jupyterlab)',
        '  - Debian/Ubuntu:         sudo apt-get install jupyter-notebook   (jupyter-client alone is enough to register)',
        '  - VS Code:               the Jupyter extension also needs a Python with jupyter installed',
        'then run `npm run kernel` again. Running the notebooks headlessly (`npm start`, `npm run notebooks`) needs no Jupyter.',
      ].join('\n'),
    );
    return 1;
  }
  const name = flag(args, 'name') ?? KERNEL_NAME;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'seglab-kernelspec-'));
  const specDir = path.join(tmp, name);
  fs.mkdirSync(specDir);
  fs.writeFileSync(path.join(specDir, 'kernel.json'), JSON.stringify(kernelSpec(root), null, 2) + '\n');
  const where = flag(args, 'prefix') ? ['--prefix', flag(args, 'prefix')!] : flag(args, 'sys-prefix') ? ['--sys-prefix'] : ['--user'];
  const r = spawnSync(jupyter, ['kernelspec', 'install', '--replace', '--name', name, ...where, specDir], { encoding: 'utf8' });
  fs.rmSync(tmp, { recursive: true, force: true });
  if (r.status !== 0) {
    console.error(`jupyter kernelspec install failed:\n${r.stderr || r.stdout}`);
    return 1;
  }
  console.log((r.stderr || r.stdout).trim());
  console.log(`Registered the kernel "${KERNEL_DISPLAY_NAME}" (name: ${name}). Open the notebooks in notebooks/ with JupyterLab (jupyter lab) and pick it.`);
  const list = spawnSync(jupyter, ['kernelspec', 'list'], { encoding: 'utf8' });
  if (list.status === 0) console.log(list.stdout.trim());
  return 0;
}

if (require.main === module) process.exit(main(process.argv.slice(2)));
