;; In explicit mode each access compares ea + size (64-bit, no wrap) with the
;; current memory size once and traps with kind 5 (out of bounds memory
;; access) before it touches memory.
;; RUN: %wat2wasm --debug-names %s -o %t.wasm
;; RUN: wasm2native compile --bounds-checks=explicit -O2 --emit=llvm %t.wasm -o - | FileCheck %s

;; CHECK-LABEL: define {{.*}} @"wasm:load"(ptr %vmctx, i32 %0)
;; CHECK: %memsize = load i64
;; CHECK: %ea.end = add nuw nsw i64 {{%[0-9]+}}, 12
;; CHECK: icmp ugt i64 %ea.end, %memsize
;; CHECK-NOT: icmp ugt i64
;; CHECK: load i64, ptr %addr, align 1
;; CHECK: call void %rt.trap{{[0-9]*}}(ptr {{.*}}%vmctx, i32 5, i32 0)

(module
  (memory 1)
  (func $load (export "load") (param i32) (result i64)
    (i64.load offset=4 (local.get 0))))
