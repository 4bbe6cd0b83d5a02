;; In explicit mode each access compares its 64-bit address with the memory
;; size minus its reach (offset + size; the subtraction cannot wrap while
;; the reach is within the minimum size), once, and traps with kind 5 (out
;; of bounds memory access) before it touches memory. The limit does not
;; depend on the address, so LLVM shares it between accesses and hoists it
;; out of loops; the compare uses the address the access needs anyway.
;; RUN: %wat2wasm --debug-names %s -o %t.wasm
;; RUN: wasm2native compile --bounds-checks=explicit -O2 --emit=llvm %t.wasm -o - | FileCheck %s

;; CHECK-LABEL: define {{.*}} @"wasm:load"(ptr %vmctx, i32 %0)
;; CHECK: [[A:%[0-9]+]] = zext i32 %0 to i64
;; CHECK: %memsize = load i64
;; CHECK: %mem.limit = add nsw i64 %memsize, -12
;; CHECK: icmp ult i64 %mem.limit, [[A]]
;; CHECK-NOT: icmp
;; CHECK: load i64, ptr %addr, align 1
;; CHECK: call void %rt.trap{{[0-9]*}}(ptr {{.*}}%vmctx, i32 5, i32 0)

(module
  (memory 1)
  (func $load (export "load") (param i32) (result i64)
    (i64.load offset=4 (local.get 0))))
