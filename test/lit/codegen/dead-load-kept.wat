;; A load whose value is dropped, or multiplied by zero, must still trap when
;; it is out of bounds. In guard mode its value feeds the load sink, stored
;; volatile at the return, so the optimiser keeps the load (the result
;; itself folds); after it, the load is made volatile so that code
;; generation keeps it too, and the sink goes (LoadSinkPruning.cpp).
;; RUN: %wat2wasm --debug-names %s -o %t.wasm
;; RUN: wasm2native compile --bounds-checks=guard -O2 --emit=llvm %t.wasm -o - | FileCheck %s
;; RUN: wasm2native compile --bounds-checks=guard -O2 --emit=asm %t.wasm -o - | FileCheck %s --check-prefix=ASM

;; CHECK-LABEL: define {{.*}} @"wasm:dropped"(
;; CHECK: load volatile i32, ptr %addr
;; CHECK-NOT: store volatile
;; CHECK: ret void

;; CHECK-LABEL: define {{.*}} @"wasm:times_zero"(
;; CHECK: load volatile i64, ptr %addr
;; CHECK-NEXT: ret i64 0

;; A trap after the load: the trap block read the sink too, so the load
;; was not sunk past the trap, and a volatile load stays before the call.
;; CHECK-LABEL: define {{.*}} @"wasm:then_trap"(
;; CHECK: load volatile i32, ptr %addr
;; CHECK: call void %rt.trap{{[0-9]*}}(ptr {{.*}}%vmctx, i32 1, i32 2)

;; ASM-LABEL: "wasm:dropped":
;; ASM: movl (%{{[a-z0-9]+}},%{{[a-z0-9]+}}), %
;; ASM: .cfi_endproc
;; ASM-LABEL: "wasm:then_trap":
;; ASM: movl (%{{[a-z0-9]+}},%{{[a-z0-9]+}}), %
;; ASM: callq

(module
  (memory 1)
  (func $dropped (export "dropped") (param i32)
    (drop (i32.load (local.get 0))))
  (func $times_zero (export "times_zero") (param i32) (result i64)
    (i64.mul (i64.load (local.get 0)) (i64.const 0)))
  (func $then_trap (export "then_trap") (param i32)
    (drop (i32.load (local.get 0)))
    (unreachable)))
