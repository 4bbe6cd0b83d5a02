;; A trap prints `wasm2native: trap: <kind> in <function>` and every wasm
;; frame (innermost first, named from the name section) on stderr, and
;; exits with 134. The leaves trap without a frame of their own (they call
;; no wasm function, so they keep no frame pointer): their caller, $middle,
;; is still there, found with the leaf's call frame information, for a
;; fault (out of bounds in guard mode, a signal), for an explicit trap
;; (unreachable, and out of bounds with explicit checks: calls into the
;; runtime), at -O0 and -O2. Calls through a table are never inlined, so
;; every frame survives -O2.
;; RUN: %wat2wasm --debug-names %s -o %t.wasm
;; RUN: not wasm2native run -O0 --cache-dir %t.cache %t.wasm 2>&1 | FileCheck %s --check-prefix=UNREACHABLE
;; RUN: not wasm2native run -O2 --cache-dir %t.cache %t.wasm 2>&1 | FileCheck %s --check-prefix=UNREACHABLE
;; RUN: not wasm2native run -O0 --cache-dir %t.cache %t.wasm oob 2>&1 | FileCheck %s --check-prefix=OOB
;; RUN: not wasm2native run -O2 --cache-dir %t.cache %t.wasm oob 2>&1 | FileCheck %s --check-prefix=OOB
;; RUN: not wasm2native run -O0 --bounds-checks=explicit --cache-dir %t.cache %t.wasm oob 2>&1 \
;; RUN:   | FileCheck %s --check-prefix=OOB
;; RUN: not wasm2native run -O2 --bounds-checks=explicit --cache-dir %t.cache %t.wasm oob 2>&1 \
;; RUN:   | FileCheck %s --check-prefix=OOB
;; RUN: sh -c 'wasm2native run --cache-dir %t.cache %t.wasm 2>/dev/null; echo "status $?"' \
;; RUN:   | FileCheck %s --check-prefix=STATUS

;; UNREACHABLE:      wasm2native: trap: unreachable in innermost
;; UNREACHABLE-NEXT: wasm backtrace:
;; UNREACHABLE-NEXT:    0: innermost
;; UNREACHABLE-NEXT:    1: middle
;; UNREACHABLE-NEXT:    2: outer
;; UNREACHABLE-NEXT:    3: _start
;; UNREACHABLE-NOT:  {{.}}
;; OOB:      wasm2native: trap: out of bounds memory access in load_far
;; OOB-NEXT: wasm backtrace:
;; OOB-NEXT:    0: load_far
;; OOB-NEXT:    1: middle
;; OOB-NEXT:    2: outer
;; OOB-NEXT:    3: _start
;; OOB-NOT:  {{.}}
;; STATUS: status 134

(module
  (import "wasi_snapshot_preview1" "args_sizes_get"
    (func $args_sizes_get (param i32 i32) (result i32)))
  (type $v (func))
  (memory 1)
  (table 4 funcref)
  (elem (i32.const 0) $innermost $middle $outer $load_far)
  (func $innermost (type $v) unreachable)
  (func $load_far (type $v)
    (drop (i32.load (i32.const 0x7ffffff0))))
  ;; Calls load_far with an argument (any), else innermost.
  (func $middle (type $v)
    (drop (call $args_sizes_get (i32.const 0) (i32.const 4)))
    (call_indirect (type $v)
      (select (i32.const 3) (i32.const 0)
        (i32.gt_u (i32.load (i32.const 0)) (i32.const 1)))))
  (func $outer (type $v) (call_indirect (type $v) (i32.const 1)))
  (func $_start (export "_start") (call_indirect (type $v) (i32.const 2))))
