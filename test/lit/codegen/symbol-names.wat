;; Functions are named after the name section (with a "wasm:" prefix that
;; keeps them apart from C symbols), unnamed ones by index, and a clash gets
;; a suffix. Only the module descriptor is exported from the .so.
;; RUN: %wat2wasm --debug-names %s -o %t.wasm
;; -O0 keeps the recursive call a call.
;; RUN: wasm2native compile -O0 --emit=asm %t.wasm -o - | FileCheck %s --check-prefix=ASM
;; RUN: wasm2native compile -O2 %t.wasm -o %t.so
;; RUN: llvm-nm %t.so | FileCheck %s --check-prefix=SYMS
;; RUN: llvm-nm -D --defined-only %t.so | FileCheck %s --check-prefix=DYN

;; ASM: "wasm:fac":
;; ASM: callq "wasm:fac"
;; ASM: "wasm:func1":

;; SYMS-DAG: t wasm:fac
;; SYMS-DAG: t wasm:func1
;; SYMS-DAG: D wasm2native_module_descriptor

;; DYN: wasm2native_module_descriptor
;; DYN-NOT: wasm:

(module
  (func $fac (export "fac") (param i64) (result i64)
    (if (result i64) (i64.eqz (local.get 0))
      (then (i64.const 1))
      (else (i64.mul (local.get 0)
                     (call $fac (i64.sub (local.get 0) (i64.const 1)))))))
  (func (export "anon") (result i32) (i32.const 7)))
