;; compile --fuel charges each straight-line region its count of wasm
;; instructions (here the loop body: 8) from vmctx->fuel (offset 32) and
;; traps with kind 12 (all fuel consumed) below zero; compile --epoch checks
;; the volatile epoch counter against vmctx->epoch_deadline (offset 40) at
;; the entry and at the loop header. Without the flags neither appears.
;; RUN: %wat2wasm --debug-names %s -o %t.wasm
;; RUN: wasm2native compile --fuel --epoch -O0 --emit=llvm %t.wasm -o - | FileCheck %s
;; RUN: wasm2native compile -O2 --emit=llvm %t.wasm -o - | FileCheck %s --check-prefix=PLAIN

;; CHECK-LABEL: define {{.*}} @"wasm:spin"(
;; CHECK: %epoch = load volatile i64, ptr %epoch.counter
;; CHECK: %deadline = load i64
;; CHECK: icmp uge i64 %epoch, %deadline
;; CHECK: epoch.interrupt:
;; CHECK: %fuel.left = sub i64 %fuel, 1
;; CHECK: icmp slt i64 %fuel.left, 0
;; CHECK: call void %rt.trap{{[0-9]*}}(ptr %vmctx, i32 12, i32 0)
;; CHECK: loop:
;; CHECK: load volatile i64, ptr %epoch.counter
;; CHECK: %fuel.left{{[0-9]+}} = sub i64 %fuel{{[0-9]+}}, 8
;; CHECK: icmp slt i64 %fuel.left{{[0-9]+}}, 0
;; CHECK: attributes

;; PLAIN-LABEL: define {{.*}} @"wasm:spin"(
;; PLAIN-NOT: epoch
;; PLAIN-NOT: fuel
;; PLAIN: attributes

(module
  (func $spin (export "spin") (param $n i32) (result i32)
    (local $i i32)
    (loop $l
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $i) (local.get $n))))
    (local.get $i)))
