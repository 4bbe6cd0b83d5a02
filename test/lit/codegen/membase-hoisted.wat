;; The memory base never moves, so it is loaded once (invariant) and LLVM
;; keeps it out of loops: no load of the base inside the loop at -O2, where
;; the loads are vectorised (<4 x i32>) and, being used, leave the load sink
;; (no `or` of the loaded vector).
;; RUN: %wat2wasm --debug-names %s -o %t.wasm
;; RUN: wasm2native compile --bounds-checks=guard -O2 --emit=llvm %t.wasm -o - | FileCheck %s

;; CHECK-LABEL: define {{.*}} @"wasm:sum"(
;; CHECK: %membase = load ptr, ptr %memory, align 8, {{.*}}!invariant.load
;; CHECK-NOT: load ptr, ptr %memory
;; CHECK: vector.body:
;; CHECK-NOT: load ptr, ptr %memory
;; CHECK: [[V:%wide.load[0-9]*]] = load <4 x i32>, ptr
;; CHECK-NOT: or <4 x i32>
;; CHECK: add <4 x i32> [[V]]
;; CHECK-NOT: load ptr, ptr %memory
;; CHECK: ret i32

(module
  (memory 1)
  (func $sum (export "sum") (param $p i32) (param $n i32) (result i32)
    (local $s i32)
    (block $done
      (loop $l
        (br_if $done (i32.eqz (local.get $n)))
        (local.set $s (i32.add (local.get $s) (i32.load (local.get $p))))
        (local.set $p (i32.add (local.get $p) (i32.const 4)))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $l)))
    (local.get $s)))
