;; Guard mode: the accesses of a widened loop (AddressWidening.cpp) whose
;; memory may grow in the loop keep their provisional checks through the
;; pipeline (the limit is not loop-invariant, so the widened loop cannot
;; run without them). BoundsCheckElision.cpp then removes each one whose
;; access faults in place: the 64-bit address recurrence carries
;; !w2n.widened_address (below 2^33, as the check before the loop showed),
;; so the access stays inside the reservation. Without the marker the
;; recurrence's range is unknown and every check stays.
;; RUN: %wat2wasm --debug-names %s -o %t.wasm
;; RUN: wasm2native compile -O2 --emit=llvm %t.wasm -o - | FileCheck %s

;; CHECK-LABEL: define {{.*}} @"wasm:walk"(
;; CHECK: loop:
;; CHECK-NEXT: [[Q:%w2n.addr[0-9]*]] = phi i64 {{.*}}, !w2n.widened_address [[MD:![0-9]+]]
;; CHECK-NEXT: [[P:%w2n.addr[0-9]*]] = phi i64 {{.*}}, !w2n.widened_address [[MD]]
;; CHECK-NOT: icmp ult i64
;; CHECK: getelementptr i8, ptr %membase, i64 [[P]]
;; CHECK-NEXT: load i64
;; CHECK-NEXT: icmp ugt i64
;; CHECK-NEXT: br i1
;; CHECK-NOT: icmp ult i64
;; CHECK: getelementptr i8, ptr %membase, i64 [[Q]]
;; CHECK-NEXT: load i32
;; CHECK: call i32 %rt.fn
;; CHECK: [[MD]] = !{i64 8589934592}

(module
  (memory 1)
  (global $g (mut i32) (i32.const 0))
  (func $put (param $k i64) (param $v i32)
    (global.set $g (i32.add (global.get $g) (local.get $v)))
    (drop (memory.grow (local.get $v))))
  (func $walk (export "walk") (param $p i32) (param $q i32) (param $n i32)
    (loop $l
      (if (i64.gt_u (i64.load (local.get $p)) (i64.const 1))
        (then (call $put (i64.load (local.get $p)) (i32.load (local.get $q)))))
      (local.set $p (i32.add (local.get $p) (i32.const 8)))
      (local.set $q (i32.add (local.get $q) (i32.const 4)))
      (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))))
