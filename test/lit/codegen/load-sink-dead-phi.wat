;; Load-sink pruning (compiler/transform/LoadSinkPruning.cpp) deletes the
;; PHIs that nothing uses before it looks at the sink's chain: a PHI that
;; only feeds itself through the sink's OR (here left after LLVM proved the
;; loop never exits, so the sink's stores at the exits went away) looked
;; like a use of the sink outside its chain and kept an OR per load alive
;; in the loop (sort's merge loop kept two per element). Found by
;; wasm-reduce from the sort benchmark.
;; RUN: %wat2wasm --debug-names %s -o %t.wasm
;; RUN: wasm2native compile --bounds-checks=guard -O2 --emit=llvm %t.wasm -o - | FileCheck %s

;; CHECK-LABEL: define {{.*}} @"wasm:chase"(
;; CHECK: cont:
;; CHECK-NEXT: phi i64
;; CHECK-NEXT: getelementptr
;; CHECK-NEXT: %load = load i32
;; CHECK-NEXT: zext i32 %load to i64
;; CHECK-NEXT: br label %cont
;; CHECK-NOT: load.sink

(module
  (memory 2)
  (func $chase (export "chase")
    (local $p i32)
    (loop $l
      (local.set $p (i32.load offset=8 (local.get $p)))
      (br $l))
    (unreachable)))
