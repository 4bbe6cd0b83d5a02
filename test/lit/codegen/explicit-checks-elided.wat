;; Explicit mode: the memory size load carries !range [min, max] bytes, so
;; LLVM drops the check of an access it can prove inside the minimum size
;; (here the constant addresses below 64 KiB) and keeps the others.
;; RUN: %wat2wasm --debug-names %s -o %t.wasm
;; RUN: wasm2native compile --bounds-checks=explicit -O2 --emit=llvm %t.wasm -o - | FileCheck %s

;; CHECK-LABEL: define {{.*}} @"wasm:inside"(
;; CHECK-NOT: %memsize
;; CHECK-NOT: i32 5, i32 0)
;; CHECK: ret i32

;; CHECK-LABEL: define {{.*}} @"wasm:beyond_min"(
;; CHECK: %memsize = load i64, {{.*}}!range [[RANGE:![0-9]+]]
;; CHECK: %mem.limit = add nsw i64 %memsize, -4
;; CHECK: icmp ult i64 %mem.limit, 65533
;; CHECK: call void %rt.trap{{[0-9]*}}(ptr {{.*}}%vmctx, i32 5, i32 1)
;; CHECK: [[RANGE]] = !{i64 65536, i64 131073}

(module
  (memory 1 2)
  (func $inside (export "inside") (result i32)
    (i32.add (i32.load (i32.const 100)) (i32.load (i32.const 65532))))
  (func $beyond_min (export "beyond_min") (result i32)
    (i32.load (i32.const 65533))))
