;; Explicit bounds checks in a loop over an induction variable: address
;; widening (transform/AddressWidening.cpp) gives the loop 64-bit addresses
;; and then checks, once before it, that the last address of every access
;; stays under its limit (size - reach). On that path the per-access checks
;; are gone and LLVM vectorises the loop (de-interleaved <8 x i32> loads).
;; Otherwise, or when an address would wrap, the original loop runs, with
;; its checks, scalar, and traps at the exact access.
;; RUN: %wat2wasm --debug-names %s -o %t.wasm
;; RUN: wasm2native compile --bounds-checks=explicit -O2 --emit=llvm %t.wasm -o - | FileCheck %s

;; CHECK-LABEL: define {{.*}} @"wasm:sum"(
;; CHECK: %memsize = load i64
;; CHECK: br i1 {{%[0-9]+}}, label %br_if.cont.w2n.ph, label %[[ORIG:br_if.cont.w2n.wrap.preheader]]
;; CHECK: br_if.cont.w2n.wrap:
;; CHECK: icmp ult i64 %invariant.umin
;; CHECK: br i1 %or.cond.w2n.wrap, label %trap
;; CHECK: br_if.cont.w2n.ph:
;; CHECK: icmp ugt i64 {{%[0-9]+}}, %invariant.umin
;; CHECK: br i1 %.not, label %[[ORIG]], label %[[FAST:br_if.cont.w2n.inbounds]]
;; CHECK: [[FAST]]:
;; CHECK: vector.body:
;; CHECK-NOT: label %trap
;; CHECK: load <8 x i32>
;; CHECK: middle.block:
;; CHECK-NOT: label %trap
;; CHECK: {{^}}cont4:
;; CHECK-NOT: label %trap
;; CHECK: define {{.*}} @wasm2native.invoke.0(

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
