// The V8 side of the differential fuzzer (test/fuzz/diff/fuzzdiff.py):
//
//   node v8-harness.js DIR
//
// DIR holds main.wasm (the module under test), log.wasm, driver.wasm,
// env.wasm if the module imports "env", and calls.json (a list: for each
// call of the plan, whether to print the state after it). Prints the
// transcript format of wasm2native-diff-runner, with raw trap messages
// (`call K trap NAME: MESSAGE`) that fuzzdiff.py maps to trap kinds.
"use strict";

const fs = require("fs");
const path = require("path");

const dir = process.argv[2];
const read = (name) => fs.readFileSync(path.join(dir, name));
const out = [];
const print = (line) => out.push(line);

const hex = (v, digits) =>
  BigInt.asUintN(digits * 4, BigInt(v)).toString(16).padStart(digits, "0");

// The log shim reports a tag (spectest.print_i32), then the payload's bits
// (spectest.print_i64, twice for v128).
const TAGS = { 1: ["i32", 1], 2: ["i64", 1], 3: ["f32", 1], 4: ["f64", 1],
               5: ["v128", 2] };
let pending = null;
const spectest = {
  print_i32(tag) {
    const [type, words] = TAGS[tag];
    pending = { type, words, bits: [] };
  },
  print_i64(bits) {
    pending.bits.push(BigInt.asUintN(64, bits));
    if (pending.bits.length < pending.words)
      return;
    const { type, bits: b } = pending;
    pending = null;
    if (type === "i32" || type === "f32")
      print(`log ${type}:${hex(b[0], 8)}`);
    else if (type === "v128")
      print(`log v128:${hex(b[1], 16)}${hex(b[0], 16)}`);
    else
      print(`log ${type}:${hex(b[0], 16)}`);
  },
};

function describe(e) {
  if (e instanceof Error)
    return `${e.constructor.name}: ${e.message}`;
  return `thrown: ${String(e)}`;
}

function main() {
  const calls = JSON.parse(read("calls.json"));
  const imports = {};
  try {
    const log = new WebAssembly.Instance(new WebAssembly.Module(read("log.wasm")),
                                         { spectest });
    imports["fuzzing-support"] = log.exports;
    if (fs.existsSync(path.join(dir, "env.wasm")))
      imports.env = new WebAssembly.Instance(
          new WebAssembly.Module(read("env.wasm")), {}).exports;
  } catch (e) {
    print(`harness error ${describe(e)}`);
    return;
  }
  let main;
  try {
    main = new WebAssembly.Instance(new WebAssembly.Module(read("main.wasm")),
                                    imports);
  } catch (e) {
    if (e instanceof WebAssembly.RuntimeError || e instanceof RangeError)
      print(`instantiate trap ${describe(e)}`);
    else
      print(`instantiate error ${describe(e)}`);
    return;
  }
  print("instantiate ok");
  const driver = new WebAssembly.Instance(
      new WebAssembly.Module(read("driver.wasm")), { m: main.exports }).exports;
  const bits = (v) => {
    // i32 results arrive as numbers, i64 as BigInts.
    return typeof v === "bigint" ? hex(v, 16) : hex(v, 8);
  };
  const list = (r) => (r === undefined ? [] : Array.isArray(r) ? r : [r]);
  for (let k = 0; k < calls.length; ++k) {
    try {
      const r = list(driver[`c${k}`]());
      print(`call ${k} ok${r.map((v) => " " + bits(v)).join("")}`);
    } catch (e) {
      pending = null;
      print(`call ${k} trap ${describe(e)}`);
    }
    if (calls[k]) {
      const [pages, hash, ...globals] = list(driver.state());
      const mem = pages === -1 ? "pages - hash -"
                               : `pages ${pages} hash ${hex(hash, 16)}`;
      print(`state ${k} ${mem} globals${globals.map((v) => " " + bits(v))
                                                .join("")}`);
    }
  }
}

main();
process.stdout.write(out.join("\n") + "\n");
