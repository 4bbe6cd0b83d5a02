;; call_indirect checks the index against the table size (trap 7, undefined
;; element), the entry for null (trap 8, uninitialized element) and the
;; callee's canonical type id against the expected one from vmctx (trap 9,
;; indirect call type mismatch), then calls code(callee vmctx, args).
;; RUN: %wat2wasm --debug-names %s -o %t.wasm
;; RUN: wasm2native compile -O2 --emit=llvm %t.wasm -o %t.ll
;; RUN: FileCheck %s < %t.ll
;; RUN: FileCheck %s --check-prefix=TRAP < %t.ll

;; CHECK-LABEL: define {{.*}} @"wasm:dispatch"(
;; CHECK: %table.size = load i32
;; CHECK: %ref = load ptr
;; CHECK: icmp eq ptr %ref, null
;; CHECK: %type_id = load i32
;; CHECK: %expected_type_id = load i32, ptr {{%[0-9]+}}, align 4, {{.*}}!invariant.load
;; CHECK: icmp eq i32 %type_id, %expected_type_id
;; CHECK: %code = load ptr, ptr %ref
;; CHECK: call i64 %code(ptr %callee.vmctx, i64 %0)
;; TRAP-LABEL: define {{.*}} @"wasm:dispatch"(
;; TRAP-DAG: call void %rt.trap{{[0-9]*}}(ptr {{.*}}%vmctx, i32 7, i32 0)
;; TRAP-DAG: call void %rt.trap{{[0-9]*}}(ptr {{.*}}%vmctx, i32 8, i32 0)
;; TRAP-DAG: call void %rt.trap{{[0-9]*}}(ptr {{.*}}%vmctx, i32 9, i32 0)

(module
  (type $unary (func (param i64) (result i64)))
  (table 4 funcref)
  (func $dispatch (export "dispatch") (param i64 i32) (result i64)
    (call_indirect (type $unary) (local.get 0) (local.get 1))))
