;; Two exports share the name "f"; the second one (at 0x19) is reported.
;; RUN: %wat2wasm --no-check %s -o %t.wasm
;; RUN: not wasm2native validate %t.wasm 2>&1 | FileCheck %s

;; CHECK: {{.*}}.wasm:0x19: error: duplicate export name "f"

(module
  (func $a)
  (export "f" (func $a))
  (export "f" (func $a)))
