;; The start function takes a parameter; it must be [] -> [].
;; RUN: %wat2wasm --no-check %s -o %t.wasm
;; RUN: not wasm2native validate %t.wasm 2>&1 | FileCheck %s

;; CHECK: {{.*}}.wasm:0x15: error: start function must take no parameters and return nothing

(module
  (func $main (param i32))
  (start $main))
