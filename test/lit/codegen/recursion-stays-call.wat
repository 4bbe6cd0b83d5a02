;; Unbounded recursion must exhaust the stack and trap, so every wasm call
;; stays a call: functions carry "disable-tail-calls", which also stops
;; tail-recursion elimination from turning this into a loop at -O2. The
;; prologue compares the frame address with vmctx->stack_limit (offset 8)
;; and traps with kind 10 (call stack exhausted).
;; RUN: %wat2wasm --debug-names %s -o %t.wasm
;; RUN: wasm2native compile -O2 --emit=llvm %t.wasm -o - | FileCheck %s

;; CHECK-LABEL: define {{.*}} @"wasm:fac"(ptr %vmctx, i64 %0)
;; CHECK: %frame = {{.*}}call ptr @llvm.frameaddress.p0(i32 0)
;; CHECK: %limit = load ptr
;; CHECK: icmp ult ptr %frame, %limit
;; CHECK: call void %rt.trap{{[0-9]*}}(ptr {{.*}}%vmctx, i32 10, i32 0)
;; CHECK: call i64 @"wasm:fac"(ptr {{.*}}%vmctx,
;; CHECK: attributes #0 = {{.*}}"disable-tail-calls"="true"

(module
  (func $fac (export "fac") (param i64) (result i64)
    (if (result i64) (i64.eqz (local.get 0))
      (then (i64.const 1))
      (else (i64.mul (local.get 0)
                     (call $fac (i64.sub (local.get 0) (i64.const 1))))))))
