;; `call 5` in a module with one function: the index (the immediate at 0x18)
;; is out of range.
;; RUN: %wat2wasm --no-check %s -o %t.wasm
;; RUN: not wasm2native validate %t.wasm 2>&1 | FileCheck %s

;; CHECK: {{.*}}.wasm:0x18: error: unknown function 5

(module
  (func
    call 5))
