;; A load whose value is dropped, or multiplied by zero, must still trap when
;; it is out of bounds. In guard mode its value feeds the load sink, stored
;; volatile at the return, so -O2 keeps the load (the result itself folds).
;; RUN: %wat2wasm --debug-names %s -o %t.wasm
;; RUN: wasm2native compile --bounds-checks=guard -O2 --emit=llvm %t.wasm -o - | FileCheck %s

;; CHECK-LABEL: define {{.*}} @"wasm:dropped"(
;; CHECK: [[V:%[0-9a-z.]+]] = load i32, ptr %addr
;; CHECK: [[W:%[0-9]+]] = zext i32 [[V]] to i64
;; CHECK: store volatile i64 [[W]], ptr
;; CHECK-NEXT: ret void

;; CHECK-LABEL: define {{.*}} @"wasm:times_zero"(
;; CHECK: [[V:%[0-9a-z.]+]] = load i64, ptr %addr
;; CHECK: store volatile i64 [[V]], ptr
;; CHECK-NEXT: ret i64 0

;; A trap after the load: the trap block stores the sink too, so the load
;; cannot be sunk past the trap.
;; CHECK-LABEL: define {{.*}} @"wasm:then_trap"(
;; CHECK: [[V:%[0-9a-z.]+]] = load i32, ptr %addr
;; CHECK: store volatile i64 {{%[0-9]+}}, ptr
;; CHECK: call void %rt.trap{{[0-9]*}}(ptr {{.*}}%vmctx, i32 1, i32 2)

(module
  (memory 1)
  (func $dropped (export "dropped") (param i32)
    (drop (i32.load (local.get 0))))
  (func $times_zero (export "times_zero") (param i32) (result i64)
    (i64.mul (i64.load (local.get 0)) (i64.const 0)))
  (func $then_trap (export "then_trap") (param i32)
    (drop (i32.load (local.get 0)))
    (unreachable)))
