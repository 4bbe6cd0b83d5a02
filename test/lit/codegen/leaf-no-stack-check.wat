;; A function that calls no wasm function cannot recurse, so it needs no
;; stack-limit check (the runtime keeps a margin below the limit): it stays
;; frameless. A function that calls keeps the check.
;; RUN: %wat2wasm --debug-names %s -o %t.wasm
;; RUN: wasm2native compile -O2 --emit=asm %t.wasm -o - | FileCheck %s

;; CHECK-LABEL: "wasm:leaf":
;; CHECK-NEXT: .cfi_startproc
;; CHECK-NEXT: leal
;; CHECK-NEXT: retq

;; CHECK-LABEL: "wasm:caller":
;; CHECK: cmpq 8(%rdi), %rbp
;; CHECK-NEXT: jb

(module
  (func $leaf (export "leaf") (param i32 i32) (result i32)
    (i32.add (local.get 0) (local.get 1)))
  (func $caller (export "caller") (param i32) (result i32)
    (call $leaf (local.get 0) (i32.const 1))))
