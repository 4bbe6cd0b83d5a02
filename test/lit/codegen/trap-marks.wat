;; Every rt->trap call carries the trap mark `!w2n.trap !{i32 kind}`, and
;; the one of a memory access's bounds check also `!w2n.bounds_check`
;; (compiler/ir/Markers.h). The passes that delete bounds checks
;; (AddressWidening, BoundsCheckElision) find them by these names, never by
;; the shape of the call, so losing a mark here would silently keep checks
;; and marking the wrong call would delete checks it must not.
;; RUN: %wat2wasm --debug-names %s -o %t.wasm
;; RUN: wasm2native compile -O0 --bounds-checks=explicit --emit=llvm %t.wasm -o - | FileCheck %s

;; CHECK-LABEL: define {{.*}} @"wasm:load"(
;; CHECK: call void %rt.trap(ptr %vmctx, i32 5, i32 0) {{.*}}, !w2n.trap [[OOB:![0-9]+]], !w2n.bounds_check

;; A trap of another kind has the trap mark only.
;; CHECK-LABEL: define {{.*}} @"wasm:div"(
;; CHECK: call void %rt.trap(ptr %vmctx, i32 2, i32 1) {{.*}}, !w2n.trap [[DIV:![0-9]+]]{{$}}

;; CHECK-DAG: [[OOB]] = !{i32 5}
;; CHECK-DAG: [[DIV]] = !{i32 2}
(module
  (memory 1)
  (func $load (export "load") (param i32) (result i32)
    (i32.load (local.get 0)))
  (func $div (export "div") (param i32 i32) (result i32)
    (i32.div_u (local.get 0) (local.get 1))))
