// bench/node/run-wasi.mjs - runs a wasm32-wasi command module under V8.
//
//   node run-wasi.mjs [--time-instantiate] FILE.wasm [ARGS...]
//
// Uses node:wasi (WASI preview1) with no preopens and an empty environment,
// as the other runners do. With --time-instantiate, prints the time spent
// compiling and instantiating the module on stderr as
// "instantiate_us: N" (V8 compiles lazily with Liftoff and tiers up to
// TurboFan while running, so this is not the whole compile cost).
//
// run.py starts node with --single-threaded-gc: without it node v20.20
// crashes (SIGSEGV in Builtins_KeyedLoadIC_Megamorphic) in about one run
// of three of memcopy (32 MiB of linear memory), after the program has
// printed its output.
import { readFileSync } from 'node:fs';
import { WASI } from 'node:wasi';

const argv = process.argv.slice(2);
let timeInstantiate = false;
if (argv[0] === '--time-instantiate') {
  timeInstantiate = true;
  argv.shift();
}
if (argv.length < 1) {
  console.error('usage: run-wasi.mjs [--time-instantiate] FILE.wasm [ARGS...]');
  process.exit(2);
}
const file = argv[0];
const wasi = new WASI({
  version: 'preview1',
  args: argv,
  env: {},
  returnOnExit: true,
});
const bytes = readFileSync(file);
const t0 = process.hrtime.bigint();
const module = await WebAssembly.compile(bytes);
const instance = await WebAssembly.instantiate(module, wasi.getImportObject());
const t1 = process.hrtime.bigint();
if (timeInstantiate)
  process.stderr.write(`instantiate_us: ${Number(t1 - t0) / 1000}\n`);
const code = wasi.start(instance);
process.exit(code ?? 0);
