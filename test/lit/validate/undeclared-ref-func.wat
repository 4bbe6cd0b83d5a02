;; ref.func may only name functions declared elsewhere in the module (in an
;; element segment, an export or a global); function 0 is not.
;; RUN: %wat2wasm --no-check %s -o %t.wasm
;; RUN: not wasm2native validate %t.wasm 2>&1 | FileCheck %s

;; CHECK: {{.*}}.wasm:0x18: error: undeclared function reference 0

(module
  (func
    ref.func 0
    drop))
