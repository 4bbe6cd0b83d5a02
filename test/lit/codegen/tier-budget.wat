;; Over its compile budget (lower/CompilePlan.h), a module gets functions
;; demoted to the baseline tier, those whose optimisation costs most first,
;; and then the trampolines; the code computes the same. Here the budget is
;; scaled to nothing, so everything is baseline.
;; RUN: %wat2wasm --debug-names %s -o %t.wasm
;; RUN: wasm2native compile -O2 --print-plan %t.wasm -o %t.opt.so 2>&1 \
;; RUN:   | FileCheck %s --check-prefix=DEFAULT
;; RUN: wasm2native compile -O2 --print-plan %t.wasm -o %t.base.so \
;; RUN:   --mllvm=-wasm2native-budget-scale=0 2>&1 | FileCheck %s --check-prefix=NONE
;; RUN: wasm2native run --invoke fac %t.base.so 20 | FileCheck %s --check-prefix=FAC
;; RUN: wasm2native run --invoke fac %t.opt.so 20 | FileCheck %s --check-prefix=FAC
;; RUN: wasm2native run --invoke sum %t.base.so 100 | FileCheck %s --check-prefix=SUM
;; RUN: wasm2native run --invoke sum %t.opt.so 100 | FileCheck %s --check-prefix=SUM

;; DEFAULT:     chunk 0: optimized, 3 functions, descriptor and trampolines
;; DEFAULT-NOT: baseline

;; NONE:      chunk 0: baseline, 3 functions, descriptor and trampolines
;; NONE-NEXT: trampolines: baseline
;; NONE-NEXT: func 0: baseline: over the module's budget
;; NONE-NEXT: func 1: baseline: over the module's budget
;; NONE-NEXT: func 2: baseline: over the module's budget

;; FAC: 2432902008176640000
;; SUM: 4950

(module
  (type $unary (func (param i64) (result i64)))
  (table 1 funcref)
  (elem (i32.const 0) $fac)
  (func $fac (export "fac") (type $unary)
    (if (result i64) (i64.le_u (local.get 0) (i64.const 1))
      (then (i64.const 1))
      (else (i64.mul (local.get 0)
              (call_indirect (type $unary)
                (i64.sub (local.get 0) (i64.const 1)) (i32.const 0))))))
  (func $step (param i32 i32) (result i32)
    (i32.add (local.get 0) (local.get 1)))
  (func $sum (export "sum") (param $n i32) (result i32)
    (local $i i32) (local $s i32)
    (block $done
      (loop $l
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $s (call $step (local.get $s) (local.get $i)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $l)))
    (local.get $s)))
