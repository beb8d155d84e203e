// Bundles the client into the server's wwwroot/assets with content-hashed names, and writes
// wwwroot/asset-manifest.json so the server links the current hashes (an update reaches every browser at once).
import * as esbuild from 'esbuild';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const wwwroot = path.resolve(here, '../AnHop.Server/wwwroot');
const outdir = path.join(wwwroot, 'assets');

await rm(outdir, { recursive: true, force: true });
await mkdir(outdir, { recursive: true });

const result = await esbuild.build({
  entryPoints: { app: path.join(here, 'src/main.ts'), styles: path.join(here, 'src/styles.css') },
  bundle: true,
  format: 'esm',
  splitting: true, // large, rarely needed code (the password-strength dictionaries) loads in its own chunk
  target: ['chrome120', 'firefox120', 'safari17'],
  minify: true,
  sourcemap: 'linked',
  entryNames: '[name]-[hash]',
  outdir,
  metafile: true,
  legalComments: 'none',
  logLevel: 'warning',
});

const manifest = {};
for (const [file, meta] of Object.entries(result.metafile.outputs)) {
  if (!meta.entryPoint || file.endsWith('.map')) continue;
  const name = path.basename(file);
  const logical = name.replace(/-[A-Z0-9]+\./, '.');
  manifest[logical] = `assets/${name}`;
}
await writeFile(path.join(wwwroot, 'asset-manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
console.log('web client bundled:', Object.values(manifest).join(', '));
