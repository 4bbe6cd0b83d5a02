;; In guard mode an access is a plain load from membase + zext(addr) +
;; offset, computed in 64 bits, with no compare against the memory size:
;; the guard region catches what is out of bounds.
;; RUN: %wat2wasm --debug-names %s -o %t.wasm
;; RUN: wasm2native compile --bounds-checks=guard -O2 --emit=llvm %t.wasm -o - | FileCheck %s

;; CHECK-LABEL: define {{.*}} @"wasm:load"(ptr %vmctx, i32 %0)
;; CHECK: %membase = load ptr, ptr %memory
;; CHECK: [[EA:%[0-9a-z.]+]] = zext i32 %0 to i64
;; CHECK: [[BASE:%[0-9a-z.]+]] = getelementptr i8, ptr %membase, i64 [[EA]]
;; CHECK: %addr = getelementptr i8, ptr [[BASE]], i64 4294967295
;; CHECK-NOT: memsize
;; CHECK-NOT: icmp ugt i64
;; CHECK: load i32, ptr %addr, align 1
;; CHECK: ret i32

(module
  (memory 1)
  (func $load (export "load") (param i32) (result i32)
    (i32.load offset=4294967295 (local.get 0))))
