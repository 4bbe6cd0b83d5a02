;; Trampolines are generated only for the types that need them: a generic
;; entry (invoke[t]) for a type with an escaping defined function, a host
;; trampoline for an imported type or one a call_indirect uses. Declared but
;; otherwise unused types get neither (issue 14: thousands of unused types
;; made the compile take seconds and gigabytes).
;; RUN: %wat2wasm %s -o %t.wasm
;; RUN: wasm2native compile -O0 --emit=llvm %t.wasm -o - | FileCheck %s

;; CHECK: @invoke = private constant [5 x ptr] [ptr null, ptr null, ptr @wasm2native.invoke.2, ptr null, ptr null]
;; CHECK: @host_trampolines = private constant [5 x ptr] [ptr @wasm2native.host.0, ptr @wasm2native.host.1, ptr null, ptr null, ptr null]
;; CHECK-NOT: define {{.*}} @wasm2native.invoke.{{[0134]}}(
;; CHECK-NOT: define {{.*}} @wasm2native.host.{{[234]}}(

(module
  (type $imported (func (param i32)))
  (type $indirect (func (param i64) (result i64)))
  (type $exported (func (result i32)))
  (type $unused1 (func (param f32 f64) (result i32)))
  (type $unused2 (func (param i32 i32 i32)))
  (import "env" "f" (func $f (type $imported)))
  (table 1 funcref)
  (func $internal (type $unused2) (nop))
  (func (export "run") (type $exported)
    (call $f (i32.const 1))
    (call $internal (i32.const 1) (i32.const 2) (i32.const 3))
    (drop (call_indirect (type $indirect) (i64.const 1) (i32.const 0)))
    (i32.const 0)))
