;; Explicit mode: a loop that updates one fixed place in memory while it
;; walks an array (nbody's body i) has the fixed address's bounds check
;; made once before the loop, as a recurrence of step 0
;; (compiler/transform/AddressWidening.cpp, collectCompares): the widened
;; loop keeps no check, and only the loop as written (.w2n.wrap) still
;; branches to the trap. Without it the sum's check stays in the loop.
;; Guard mode leaves such checks in the loop for BoundsCheckElision (a
;; compare before a loop that runs a few iterations per entry costs more).
;; The semantics: test/spec/extra/loop-invariant-access.wast.
;; RUN: %wat2wasm --debug-names %s -o %t.wasm
;; RUN: wasm2native compile -O2 --bounds-checks=explicit --emit=llvm %t.wasm -o - \
;; RUN:   | FileCheck %s

;; CHECK-LABEL: define {{.*}} @"wasm:accumulate"(
;; CHECK: loop.w2n.ph:
;; CHECK: icmp uge i64 %mem.limit{{[0-9]*}}, {{%[0-9]+}}
;; CHECK: br i1 %w2n.inbounds{{[0-9]*}}, label
;; CHECK: {{^}}trap:{{ +}}; preds = %cont.w2n.wrap, %loop.w2n.wrap{{$}}

(module
  (memory 1)
  (func $accumulate (export "accumulate") (param $p i32) (param $sum i32)
                                          (param $n i32)
    (loop $l
      (i32.store (local.get $p) (i32.add (i32.load (local.get $p)) (i32.const 1)))
      (i64.store (local.get $sum)
        (i64.add (i64.load (local.get $sum))
                 (i64.extend_i32_u (i32.load (local.get $p)))))
      (local.set $p (i32.add (local.get $p) (i32.const 4)))
      (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))))
