// Run by the Maven build of plugins-sample (exec-maven-plugin, generate-resources): installs the
// locked packages with `npm ci` when node_modules is missing or older than package-lock.json.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const modified = (file) => (fs.existsSync(file) ? fs.statSync(file).mtimeMs : -1);
const installed = modified(path.join(__dirname, 'node_modules', '.package-lock.json'));
const wanted = Math.max(
  modified(path.join(__dirname, 'package.json')),
  modified(path.join(__dirname, 'package-lock.json')),
);
if (installed >= wanted) {
  process.exit(0);
}
console.log('node-plugin: node_modules is missing or stale; running npm ci');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const result = spawnSync(npm, ['ci', '--no-audit', '--no-fund'], {
  cwd: __dirname,
  stdio: 'inherit',
  shell: process.platform === 'win32',
});
if (result.error) {
  console.error(`node-plugin: cannot run npm (${result.error.message}); install Node.js 20+ with npm`);
  process.exit(1);
}
process.exit(result.status ?? 1);
