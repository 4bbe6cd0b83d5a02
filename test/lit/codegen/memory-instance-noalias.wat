;; Linear memory and the instance's own storage (vmctx, globals, tables)
;; never overlap, and the lowering says so with two disjoint TBAA tags. So a
;; global read in a loop that stores to memory is loaded once, before the
;; loop, instead of after every store.
;; RUN: %wat2wasm --debug-names %s -o %t.wasm
;; RUN: wasm2native compile -O2 --emit=llvm %t.wasm -o - | FileCheck %s

;; CHECK-LABEL: define {{.*}} @"wasm:scatter"(
;; CHECK: %global = load ptr, ptr {{%[0-9]+}}, align 8, !tbaa [[INST:![0-9]+]]
;; CHECK: load i32, ptr %global, align 8, !tbaa [[INST]]
;; CHECK-NOT: load i32, ptr %global
;; CHECK: store {{.*}}, align 1, !tbaa [[MEM:![0-9]+]]
;; CHECK-NOT: load i32, ptr %global
;; CHECK: ret void
;; CHECK-DAG: [[INST]] = !{[[INSTTY:![0-9]+]], [[INSTTY]], i64 0}
;; CHECK-DAG: [[INSTTY]] = !{!"instance", [[ROOT:![0-9]+]], i64 0}
;; CHECK-DAG: [[MEM]] = !{[[MEMTY:![0-9]+]], [[MEMTY]], i64 0}
;; CHECK-DAG: [[MEMTY]] = !{!"linear memory", [[ROOT]], i64 0}

(module
  (memory 1)
  (global $base (mut i32) (i32.const 1024))
  (func $scatter (export "scatter") (param $p i32) (param $n i32)
    (block $done
      (loop $l
        (br_if $done (i32.eqz (local.get $n)))
        (i32.store (i32.add (global.get $base) (local.get $p)) (local.get $n))
        (local.set $p (i32.add (local.get $p) (i32.const 4)))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $l)))))
