;; i32.add (at 0x1f) gets an f32 as its second operand.
;; RUN: %wat2wasm --no-check %s -o %t.wasm
;; RUN: not wasm2native validate %t.wasm 2>&1 | FileCheck %s

;; CHECK: {{.*}}.wasm:0x1f: error: type mismatch: i32.add expects i32 but got f32

(module
  (func (result i32)
    i32.const 1
    f32.const 2
    i32.add))
