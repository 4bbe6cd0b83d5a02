;; Functions without a name in the name section are spelt func[N] (their
;; index) on every line, the trap site's and the backtrace's alike (the
;; frames once said funcN, after the symbols of the compiled code).
;; RUN: %wat2wasm %s -o %t.wasm
;; RUN: not wasm2native run -O0 --cache-dir %t.cache %t.wasm 2>&1 | FileCheck %s
;; RUN: not wasm2native run -O2 --cache-dir %t.cache %t.wasm 2>&1 | FileCheck %s

;; CHECK:      wasm2native: trap: unreachable in func[0]
;; CHECK-NEXT: wasm backtrace:
;; CHECK-NEXT:    0: func[0]
;; CHECK-NEXT:    1: func[1]
;; CHECK-NEXT:    2: func[2]
;; CHECK-NOT:  {{.}}

(module
  (type $v (func))
  (table 2 funcref)
  (elem (i32.const 0) 0 1)
  (func (type $v) unreachable)
  (func (type $v) (call_indirect (type $v) (i32.const 0)))
  (func (export "_start") (call_indirect (type $v) (i32.const 1))))
