;; A deep recursion is folded, not printed frame by frame: the first cycle
;; is listed, then `… N × f ↔ g` for the rest, and the frames below it are
;; numbered by their real depth. A cycle longer than the recorder folds
;; (four functions) fills its record (128 frames): what is left is
;; counted, as `… N more frames`.
;; RUN: %wat2wasm --debug-names %s -o %t.wasm
;; RUN: not wasm2native run -O0 --cache-dir %t.cache --invoke self %t.wasm 2>&1 | FileCheck %s --check-prefix=SELF
;; RUN: not wasm2native run -O2 --cache-dir %t.cache --invoke self %t.wasm 2>&1 | FileCheck %s --check-prefix=SELF
;; At -O0, where LLVM does not inline g into f2:
;; RUN: not wasm2native run -O0 --cache-dir %t.cache --invoke mutual %t.wasm 2>&1 | FileCheck %s --check-prefix=MUTUAL
;; RUN: not wasm2native run -O0 --cache-dir %t.cache --invoke five %t.wasm 2>&1 | FileCheck %s --check-prefix=FIVE

;; SELF:      wasm2native: trap: call stack exhausted in f
;; SELF-NEXT: wasm backtrace:
;; SELF-NEXT:   0: f
;; SELF-NEXT:      … {{[0-9]{1,3}(,[0-9]{3})+}} × f
;; SELF-NEXT:   {{[0-9]{1,3}(,[0-9]{3})+}}: self
;; SELF-NOT:  {{.}}

;; MUTUAL:      wasm2native: trap: call stack exhausted in [[A:f2|g]]
;; MUTUAL-NEXT: wasm backtrace:
;; MUTUAL-NEXT:   0: [[A]]
;; MUTUAL-NEXT:   1: [[B:f2|g]]
;; MUTUAL-NEXT:      … {{[0-9]{1,3}(,[0-9]{3})+}} × [[A]] ↔ [[B]]
;; The outermost f2, if the cycle ends in g, then mutual:
;; MUTUAL:      {{^ +[0-9,]+: mutual$}}
;; MUTUAL-NOT:  {{.}}

;; FIVE:      wasm2native: trap: call stack exhausted in {{c[0-4]}}
;; FIVE-NEXT: wasm backtrace:
;; FIVE-COUNT-128: {{^ +[0-9,]+: c[0-4]$}}
;; FIVE-NEXT:   … {{[0-9]{1,3}(,[0-9]{3})+}} more frames
;; FIVE-NOT:  {{.}}

(module
  (func $f (param i32) (result i32)
    (i32.add (call $f (i32.add (local.get 0) (i32.const 1))) (i32.const 1)))
  (func $self (export "self") (result i32) (call $f (i32.const 0)))

  (func $f2 (param i32) (result i32)
    (i32.add (call $g (i32.add (local.get 0) (i32.const 1))) (i32.const 1)))
  (func $g (param i32) (result i32)
    (i32.add (call $f2 (i32.add (local.get 0) (i32.const 2))) (i32.const 2)))
  (func $mutual (export "mutual") (result i32) (call $f2 (i32.const 0)))

  (func $c0 (param i32) (result i32)
    (i32.add (call $c1 (local.get 0)) (i32.const 1)))
  (func $c1 (param i32) (result i32)
    (i32.add (call $c2 (local.get 0)) (i32.const 1)))
  (func $c2 (param i32) (result i32)
    (i32.add (call $c3 (local.get 0)) (i32.const 1)))
  (func $c3 (param i32) (result i32)
    (i32.add (call $c4 (local.get 0)) (i32.const 1)))
  (func $c4 (param i32) (result i32)
    (i32.add (call $c0 (local.get 0)) (i32.const 1)))
  (func $five (export "five") (result i32) (call $c0 (i32.const 0))))
