;; The function must return an i32 but leaves an i64: the error is at the
;; function's final `end` (0x1a), where the result is checked.
;; RUN: %wat2wasm --no-check %s -o %t.wasm
;; RUN: not wasm2native validate %t.wasm 2>&1 | FileCheck %s

;; CHECK: {{.*}}.wasm:0x1a: error: type mismatch: end expects i32 but got i64

(module
  (func (result i32)
    i64.const 0))
