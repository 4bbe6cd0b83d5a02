;; The module of BacktraceTest.cpp, compiled by the build at -O0 and -O2,
;; in guard and explicit bounds-check modes. Calls through the table are
;; never inlined, so every frame exists at -O2 too. The leaves call no wasm
;; function, so they have no frame pointer of their own.
(module
  (type $v (func))
  (import "host" "fail" (func $host_fail))
  (memory 1)
  (table 5 funcref)
  (elem (i32.const 0) $leaf_unreachable $leaf_oob $calls_host $middle $outer)
  (global $which (mut i32) (i32.const 0))
  ;; An explicit trap (a call into the runtime).
  (func $leaf_unreachable (type $v) unreachable)
  ;; A fault in guard mode, an explicit trap with explicit checks.
  (func $leaf_oob (type $v) (drop (i32.load (i32.const 0x7ffffff0))))
  ;; A trap raised by a host function, through the host trampoline.
  (func $calls_host (type $v) (call $host_fail))
  (func $middle (type $v) (call_indirect (type $v) (global.get $which)))
  (func $outer (type $v) (call_indirect (type $v) (i32.const 3)))
  ;; which: 0 for leaf_unreachable, 1 for leaf_oob, 2 for calls_host.
  (func $entry (export "entry") (param $which i32)
    (global.set $which (local.get $which))
    (call_indirect (type $v) (i32.const 4)))
  ;; f and g call each other until the stack runs out.
  (func $f (param i32) (result i32)
    (i32.add (call $g (i32.add (local.get 0) (i32.const 1))) (i32.const 1)))
  (func $g (param i32) (result i32)
    (i32.add (call $f (i32.add (local.get 0) (i32.const 2))) (i32.const 2)))
  (func $mutual (export "mutual") (result i32) (call $f (i32.const 0))))
