;; --invoke calls an export with the arguments after FILE, parsed by the
;; export's parameter types, and prints each result on a line; a reactor's
;; _initialize runs first. Mistakes are errors (status 1), not traps.
;; RUN: %wat2wasm --debug-names %s -o %t.wasm
;; RUN: wasm2native run --cache-dir %t.cache --invoke add %t.wasm 40 2 | FileCheck %s --check-prefix=ADD
;; RUN: wasm2native run --cache-dir %t.cache --invoke add %t.wasm -1 0xffffffff | FileCheck %s --check-prefix=WRAP
;; RUN: wasm2native run --cache-dir %t.cache --invoke fac %t.wasm 20 | FileCheck %s --check-prefix=FAC
;; RUN: wasm2native run --cache-dir %t.cache --invoke floats %t.wasm 1.5 0.25 | FileCheck %s --check-prefix=FLOATS
;; RUN: wasm2native run --cache-dir %t.cache --invoke initialized %t.wasm | FileCheck %s --check-prefix=INIT
;; RUN: wasm2native run --cache-dir %t.cache --invoke nothing %t.wasm | count 0
;; RUN: not wasm2native run --cache-dir %t.cache --invoke add %t.wasm 1 2>&1 | FileCheck %s --check-prefix=COUNT
;; RUN: not wasm2native run --cache-dir %t.cache --invoke add %t.wasm 1 x 2>&1 | FileCheck %s --check-prefix=BAD
;; RUN: not wasm2native run --cache-dir %t.cache --invoke add %t.wasm 1 4294967296 2>&1 | FileCheck %s --check-prefix=RANGE
;; RUN: not wasm2native run --cache-dir %t.cache --invoke missing %t.wasm 2>&1 | FileCheck %s --check-prefix=MISSING
;; RUN: not wasm2native run --cache-dir %t.cache --invoke div %t.wasm 1 0 2>&1 | FileCheck %s --check-prefix=TRAP

;; ADD: 42
;; WRAP: -2
;; FAC: 2432902008176640000
;; FLOATS: 1.75
;; FLOATS-NEXT: 0.375
;; INIT: 7
;; COUNT: wasm2native: error: 'add' takes 2 arguments, 1 given
;; BAD: wasm2native: error: argument 2 of 'add': 'x' is not an i32
;; RANGE: wasm2native: error: argument 2 of 'add': '4294967296' is not an i32
;; MISSING: {{.*}}.wasm: error: no exported function 'missing'
;; TRAP: wasm2native: trap: integer divide by zero in div

(module
  (global $g (mut i32) (i32.const 0))
  (func (export "_initialize") (global.set $g (i32.const 7)))
  (func (export "initialized") (result i32) (global.get $g))
  (func (export "add") (param i32 i32) (result i32)
    (i32.add (local.get 0) (local.get 1)))
  (func $fac (export "fac") (param i64) (result i64)
    (if (result i64) (i64.le_u (local.get 0) (i64.const 1))
      (then (i64.const 1))
      (else (i64.mul (local.get 0)
                     (call $fac (i64.sub (local.get 0) (i64.const 1)))))))
  (func (export "floats") (param f32 f64) (result f32 f64)
    (f32.add (local.get 0) (f32.const 0.25))
    (f64.add (local.get 1) (f64.const 0.125)))
  (func (export "nothing"))
  (func $div (export "div") (param i32 i32) (result i32)
    (i32.div_s (local.get 0) (local.get 1))))
