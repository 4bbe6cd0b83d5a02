;; A valid module with most kinds of sections: exit status 0, nothing
;; printed on stdout or stderr.
;; RUN: %wat2wasm %s -o %t.wasm
;; RUN: wasm2native validate %t.wasm 2>&1 | count 0

(module
  (import "env" "log" (func $log (param i32)))
  (memory (export "memory") 1)
  (table 2 funcref)
  (global $counter (mut i32) (i32.const 0))
  (elem (i32.const 0) $add $log)
  (data (i32.const 16) "hello")
  (func $add (export "add") (param $a i32) (param $b i32) (result i32)
    (local $sum i32)
    (local.set $sum (i32.add (local.get $a) (local.get $b)))
    (global.set $counter (i32.add (global.get $counter) (i32.const 1)))
    (if (i32.eqz (local.get $sum))
      (then (call $log (i32.load (i32.const 16)))))
    (local.get $sum))
  (func $start
    (drop (call_indirect (param i32 i32) (result i32)
      (i32.const 1) (i32.const 2) (i32.const 0))))
  (start $start))
