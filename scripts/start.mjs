// `npm start`: installs what is missing, builds the web app when its sources changed, then
// serves Vigie with the demo landlord loaded on first start. Uses only Node built-ins, since
// it runs before the dependencies are installed.
import { spawnSync, spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const run = (command, args) => {
  const result = spawnSync(command, args, { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
};

const mtime = (file) => (existsSync(file) ? statSync(file).mtimeMs : 0);
const newestIn = (dir) =>
  readdirSync(dir, { withFileTypes: true }).reduce((newest, entry) => {
    const full = path.join(dir, entry.name);
    return Math.max(newest, entry.isDirectory() ? newestIn(full) : mtime(full));
  }, 0);

if (mtime('node_modules/.package-lock.json') < Math.max(mtime('package-lock.json'), mtime('package.json'))) {
  console.log('Installing dependencies…');
  run('npm', ['install', '--no-audit', '--no-fund']);
}
if (mtime('web/dist/index.html') < Math.max(newestIn('web/src'), mtime('web/index.html'), mtime('web/vite.config.ts'))) {
  console.log('Building the web app…');
  run('npx', ['vite', 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn']);
}
const server = spawn(process.execPath, ['bin/vigie.js', 'serve', '--demo-if-empty'], { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => process.exit(code ?? 0));
