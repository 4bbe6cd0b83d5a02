;; `wasm2native FILE [ARGS...]` runs the module, as `wasmtime FILE` does:
;; it is `wasm2native run FILE [ARGS...]`, run options included; the
;; guest's arguments may look like options. A word that is neither a
;; subcommand nor a file is reported as such.
;; RUN: rm -rf %t && mkdir -p %t
;; RUN: %wat2wasm %S/Inputs/answer.wat -o %t/answer.wasm
;; RUN: cd %t && env XDG_CACHE_HOME=%t/xdg wasm2native --invoke answer answer.wasm | FileCheck %s
;; RUN: wasm2native --cache-dir %t/c --invoke answer %t/answer.wasm | FileCheck %s
;; RUN: %wat2wasm %s -o %t/args.wasm
;; RUN: sh -c 'wasm2native --cache-dir %t/c %t/args.wasm --help x; echo "status $?"' \
;; RUN:   | FileCheck %s --check-prefix=ARGS
;; RUN: not wasm2native complie %t/answer.wasm 2>&1 | FileCheck %s --check-prefix=TYPO

;; CHECK: 42
;; ARGS: status 3
;; TYPO: wasm2native: error: 'complie' is neither a subcommand nor a file (see `wasm2native --help`)

;; _start exits with argc (3: the module's name, --help, x).
(module
  (import "wasi_snapshot_preview1" "args_sizes_get"
    (func $sizes (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
  (memory 1)
  (func (export "_start")
    (drop (call $sizes (i32.const 0) (i32.const 4)))
    (call $exit (i32.load (i32.const 0)))))
