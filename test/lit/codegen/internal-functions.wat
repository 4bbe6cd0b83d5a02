;; Only functions reachable other than by a direct call (exported, start,
;; element segments, ref.func) get an entry in the descriptor's function
;; table. The rest have no address taken, so in a one-chunk module LLVM
;; makes them fastcc and may rewrite their signatures (here the unused
;; parameter of $helper is dropped).
;; RUN: %wat2wasm --debug-names %s -o %t.wasm
;; RUN: wasm2native compile -O2 --emit=llvm %t.wasm -o - | FileCheck %s

;; CHECK: @func_code = private constant [3 x ptr] [ptr @"wasm:entry", ptr null, ptr @"wasm:in_table"]
;; CHECK-DAG: define internal fastcc i32 @"wasm:helper"(ptr {{[^,]*}}, i32 {{[^,]*}}, i32 {{[^,]*}})
;; CHECK-DAG: define internal i32 @"wasm:entry"(

(module
  (table 1 funcref)
  (elem (i32.const 0) $in_table)
  (func $entry (export "entry") (param i32) (result i32)
    (call $helper (local.get 0) (i32.const 7) (i64.const 0)))
  (func $helper (param i32 i32 i64) (result i32)
    (if (i32.eqz (local.get 0)) (then (return (local.get 1))))
    (call $helper (i32.sub (local.get 0) (i32.const 1))
                  (i32.mul (local.get 1) (i32.const 3)) (local.get 2)))
  (func $in_table (result i32) (i32.const 1)))
