;; Explicit bounds checks written as `address > size - reach` compare an
;; induction variable with a loop-invariant limit, so LLVM knows how many
;; iterations stay in bounds: it vectorises that many (here <8 x i32>
;; loads, de-interleaved) and leaves the rest to the scalar loop, where the
;; two accesses share one compare and the trap comes at the exact
;; iteration.
;; RUN: %wat2wasm --debug-names %s -o %t.wasm
;; RUN: wasm2native compile --bounds-checks=explicit -O2 --emit=llvm %t.wasm -o - | FileCheck %s

;; CHECK-LABEL: define {{.*}} @"wasm:sum"(
;; CHECK: %memsize = load i64
;; CHECK: vector.body:
;; CHECK-NOT: icmp {{.*}}%mem.limit
;; CHECK: load <8 x i32>
;; CHECK: middle.block:
;; CHECK: br_if.cont:
;; CHECK: icmp ult i64 %invariant.umin
;; CHECK-NOT: icmp u{{[lg]}}t
;; CHECK: load i32
;; CHECK: load i32

(module
  (memory 1)
  (func $sum (export "sum") (param $p i32) (param $n i32) (result i32)
    (local $s i32)
    (block $done
      (loop $l
        (br_if $done (i32.eqz (local.get $n)))
        (local.set $s (i32.add (local.get $s)
          (i32.add (i32.load (local.get $p))
                   (i32.load offset=4 (local.get $p)))))
        (local.set $p (i32.add (local.get $p) (i32.const 8)))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $l)))
    (local.get $s)))
