;; compile --fuel charges each straight-line region its count of wasm
;; instructions (here the loop body: 8) from vmctx->fuel (offset 32) and
;; traps with kind 12 (all fuel consumed) below zero. compile --epoch checks
;; the volatile epoch counter against vmctx->epoch_deadline (offset 40) at
;; the header of every loop of the optimised code (but short innermost
;; ones) and at the entry of functions that call; a function without calls
;; or loops has no check.
;; Without the flags neither appears.
;; RUN: %wat2wasm --debug-names %s -o %t.wasm
;; RUN: wasm2native compile --fuel --epoch -O0 --emit=llvm %t.wasm -o - | FileCheck %s
;; RUN: wasm2native compile --epoch -O2 --emit=llvm %t.wasm -o - | FileCheck %s --check-prefix=EPOCH
;; RUN: wasm2native compile -O2 --emit=llvm %t.wasm -o - | FileCheck %s --check-prefix=PLAIN

;; CHECK-LABEL: define {{.*}} @"wasm:spin"(
;; CHECK: %epoch.counter = load ptr
;; CHECK-NOT: load volatile
;; CHECK: %fuel.left = sub i64 %fuel, 1
;; CHECK: icmp slt i64 %fuel.left, 0
;; CHECK: call void %rt.trap{{[0-9]*}}(ptr %vmctx, i32 12, i32 0)
;; CHECK: loop:
;; CHECK-NEXT: %epoch = load volatile i64, ptr %epoch.counter
;; CHECK: %deadline = load i64
;; CHECK: icmp uge i64 %epoch, %deadline
;; CHECK: epoch.interrupt:
;; CHECK: call void %rt.epoch_interrupt(ptr %vmctx, i32 0)
;; CHECK: %fuel.left{{[0-9]+}} = sub i64 %fuel{{[0-9]+}}, 8
;; CHECK: icmp slt i64 %fuel.left{{[0-9]+}}, 0

;; CHECK-LABEL: define {{.*}} @"wasm:leaf"(
;; CHECK-NOT: epoch
;; CHECK: ret

;; CHECK-LABEL: define {{.*}} @"wasm:caller"(
;; CHECK: %epoch.counter = load ptr
;; CHECK-NEXT: %epoch = load volatile i64, ptr %epoch.counter
;; CHECK: call void %rt.epoch_interrupt(ptr %vmctx, i32 3)
;; CHECK: call {{.*}}@"wasm:spin"

;; At -O2 the checks are placed after vectorisation: the vector loop of
;; `sum` checks once per iteration of eight elements.
;; EPOCH-LABEL: define {{.*}} @"wasm:sum"(
;; EPOCH: vector.body:
;; EPOCH: load volatile i64, ptr %epoch.counter
;; EPOCH: load <4 x i32>
;; EPOCH: add <4 x i32>

;; An innermost loop bounded by a small constant (here 1000 iterations)
;; cannot run forever: no check of its own.
;; EPOCH-LABEL: define {{.*}} @"wasm:bounded"(
;; EPOCH-NOT: epoch
;; EPOCH: ret void

;; PLAIN-LABEL: define {{.*}} @"wasm:spin"(
;; PLAIN-NOT: epoch
;; PLAIN-NOT: fuel
;; PLAIN: attributes

(module
  (memory 1)
  (func $spin (export "spin") (param $n i32) (result i32)
    (local $i i32)
    (loop $l
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $i) (local.get $n))))
    (local.get $i))
  (func $leaf (export "leaf") (param i32) (result i32)
    (i32.mul (local.get 0) (local.get 0)))
  (func $sum (export "sum") (param $p i32) (param $n i32) (result i32)
    (local $s i32)
    (block $done
      (loop $l
        (br_if $done (i32.eqz (local.get $n)))
        (local.set $s (i32.add (local.get $s) (i32.load (local.get $p))))
        (local.set $p (i32.add (local.get $p) (i32.const 4)))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $l)))
    (local.get $s))
  (func $caller (export "caller") (param i32) (result i32)
    (call $spin (local.get 0)))
  (func $bounded (export "bounded") (param $p i32)
    (local $i i32)
    (loop $l
      (i32.store8 (i32.add (local.get $p) (local.get $i))
        (i32.add (i32.load8_u (i32.add (local.get $p) (local.get $i)))
                 (i32.const 1)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $i) (i32.const 1000))))))
