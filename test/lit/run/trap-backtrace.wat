;; A trap prints `wasm2native: trap: <kind> in <function>` and the wasm
;; frames (innermost first, named from the name section) on stderr, and
;; exits with 134. Calls through a table cannot be inlined, so every frame
;; survives -O2. (A leaf function compiles to code without a frame of its
;; own, so its caller would be missing from the backtrace: $innermost makes
;; a call first.)
;; RUN: %wat2wasm --debug-names %s -o %t.wasm
;; RUN: not wasm2native run --cache-dir %t.cache %t.wasm 2> %t.err
;; RUN: FileCheck %s < %t.err
;; RUN: sh -c 'wasm2native run --cache-dir %t.cache %t.wasm 2>/dev/null; echo "status $?"' \
;; RUN:   | FileCheck %s --check-prefix=STATUS

;; CHECK:      wasm2native: trap: unreachable in innermost
;; CHECK-NEXT: wasm backtrace:
;; CHECK-NEXT:    0: innermost
;; CHECK-NEXT:    1: middle
;; CHECK-NEXT:    2: outer
;; CHECK-NEXT:    3: _start
;; CHECK-NOT:  {{.}}
;; STATUS: status 134

(module
  (type $v (func))
  (table 3 funcref)
  (elem (i32.const 0) $innermost $middle $outer)
  (table $t2 1 funcref)
  (elem (table $t2) (i32.const 0) func $nop)
  (func $nop (type $v))
  (func $innermost (type $v)
    (call_indirect $t2 (type $v) (i32.const 0))
    unreachable)
  (func $middle (type $v) (call_indirect (type $v) (i32.const 0)))
  (func $outer (type $v) (call_indirect (type $v) (i32.const 1)))
  (func $_start (export "_start") (call_indirect (type $v) (i32.const 2))))
