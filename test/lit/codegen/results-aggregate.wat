;; A function of many results returns a struct. Up to 16 it is built with
;; insertvalues; beyond, the results are stored to a temporary and the
;; struct is loaded whole, because SelectionDAG copies the whole aggregate
;; for each insertvalue (quadratic: 1000 results took over a second). Host
;; trampolines build their results the same way.
;; RUN: %wat2wasm --debug-names %s -o %t.wasm
;; RUN: wasm2native compile -O0 --emit=llvm %t.wasm -o - | FileCheck %s

;; CHECK-LABEL: define internal { i32, i32 } @"wasm:two"(
;; CHECK:       insertvalue { i32, i32 }
;; CHECK:       ret { i32, i32 }
;; CHECK-LABEL: @"wasm:seventeen"(
;; CHECK:       %results = alloca { [[T17:i32(, i32){16}]] }
;; CHECK-NOT:   insertvalue
;; CHECK:       [[R:%[0-9]+]] = load { [[T17]] }, ptr %results
;; CHECK-NEXT:  ret { [[T17]] } [[R]]
;; CHECK-LABEL: @wasm2native.host.0(
;; CHECK-NOT:   insertvalue
;; CHECK:       load { [[T17]] }, ptr %results

(module
  (type $t17 (func (result i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32
                           i32 i32 i32 i32 i32)))
  (import "env" "many" (func $many (type $t17)))
  (func $two (export "two") (result i32 i32)
    (i32.const 1) (i32.const 2))
  (func $seventeen (export "seventeen") (type $t17)
    (i32.const 1) (i32.const 2) (i32.const 3) (i32.const 4) (i32.const 5)
    (i32.const 6) (i32.const 7) (i32.const 8) (i32.const 9) (i32.const 10)
    (i32.const 11) (i32.const 12) (i32.const 13) (i32.const 14)
    (i32.const 15) (i32.const 16) (i32.const 17)))
