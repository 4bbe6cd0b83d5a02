;; Guard mode: an access whose bounds check an earlier access already
;; answered cannot fault, so nothing needs ordering against it
;; (compiler/transform/BoundsCheckElision.cpp, inBoundsBeforeCheck). The
;; store at p+16 ran, so p+24 is within memory and the stores at p+8 and p
;; are too; the load of 1400 ran, so those of 1392 and 1384 are in bounds.
;; Only the first store may fault with writes after it: one barrier (an
;; empty asm that clobbers memory), where there were four, each keeping
;; code generation from merging or scheduling the accesses around it.
;; RUN: %wat2wasm --debug-names %s -o %t.wasm
;; RUN: wasm2native compile -O2 --emit=llvm %t.wasm -o - | FileCheck %s

;; CHECK-LABEL: define {{.*}} @"wasm:copy_down"(
;; CHECK: load i64, ptr %addr,
;; CHECK: store i64 %load, ptr %addr4
;; CHECK-NEXT: call void asm sideeffect "", "~{memory}"()
;; CHECK-NOT: asm sideeffect
;; CHECK: ret void

;; The stores go up: each may fault where the one before did not, and
;; every one keeps its barriers.
;; CHECK-LABEL: define {{.*}} @"wasm:copy_up"(
;; CHECK-COUNT-4: call void asm sideeffect "", "~{memory}"()
;; CHECK-NOT: asm sideeffect
;; CHECK: ret void

(module
  (memory 1)
  (func $copy_down (export "copy_down") (param $p i32)
    (i64.store offset=16 (local.get $p) (i64.load (i32.const 1400)))
    (i64.store offset=8 (local.get $p) (i64.load (i32.const 1392)))
    (i64.store (local.get $p) (i64.load (i32.const 1384))))
  (func $copy_up (export "copy_up") (param $p i32)
    (i64.store (local.get $p) (i64.load (i32.const 1384)))
    (i64.store offset=8 (local.get $p) (i64.load (i32.const 1392)))
    (i64.store offset=16 (local.get $p) (i64.load (i32.const 1400)))))
