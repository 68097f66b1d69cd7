import 'reflect-metadata';
import { runCli } from './cli.js';

runCli(process.argv.slice(2), {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
  env: process.env,
}).then((code) => process.exit(code));
