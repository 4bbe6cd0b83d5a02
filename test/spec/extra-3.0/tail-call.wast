;; Tail calls (return_call, return_call_indirect) run in constant native
;; stack: ten million tail calls around a cycle of functions of different
;; signatures (i64, i32, f64 and f32 parameters), through
;; return_call_indirect, across modules and into a host function. Ordinary
;; recursion of the same depth still exhausts the stack. Arguments,
;; multiple results, stores before the tail call and traps after it keep
;; their meaning (docs/semantics.md, "Tail calls").
(module $lib
  (func (export "count") (param i64 i32) (result i64 i32)
    (if (i64.eqz (local.get 0)) (then (return (local.get 0) (local.get 1))))
    (return_call 0 (i64.sub (local.get 0) (i64.const 1))
                   (i32.add (local.get 1) (i32.const 1)))))
(register "lib" $lib)

(module
  (import "lib" "count" (func $lib-count (param i64 i32) (result i64 i32)))
  (import "spectest" "print_i32" (func $print (param i32)))
  (type $f64-i64 (func (param f64 i64) (result i64)))
  (table funcref (elem $c $wrong))
  (memory 1)

  ;; a(n: i64) -> b(x: i32, n: i64) -> c(y: f64, n: i64) -> d(z: f32, n: i64)
  ;; -> a(n - 1), until a returns 42.
  (func $a (export "a") (param $n i64) (result i64)
    (if (i64.eqz (local.get $n)) (then (return (i64.const 42))))
    (return_call $b (i32.wrap_i64 (local.get $n)) (local.get $n)))
  (func $b (param $x i32) (param $n i64) (result i64)
    (return_call_indirect (type $f64-i64)
      (f64.convert_i32_u (local.get $x)) (local.get $n) (i32.const 0)))
  (func $c (param $y f64) (param $n i64) (result i64)
    (return_call $d (f32.demote_f64 (local.get $y)) (local.get $n)))
  (func $d (param $z f32) (param $n i64) (result i64)
    (return_call $a (i64.sub (local.get $n) (i64.const 1))))
  (func $wrong (param i32) (result i64) (i64.const -1))

  ;; The same cycle with ordinary calls: the stack runs out.
  (func $rec (export "rec") (param $n i64) (result i64)
    (if (i64.eqz (local.get $n)) (then (return (i64.const 0))))
    (i64.add (call $rec (i64.sub (local.get $n) (i64.const 1))) (i64.const 1)))

  ;; Across modules: the imported function tail-calls itself.
  (func (export "lib") (param i64) (result i64 i32)
    (return_call $lib-count (local.get 0) (i32.const 0)))
  ;; Into a host function.
  (func (export "print") (param i32)
    (return_call $print (local.get 0)))

  ;; A store before the tail call stays done when the callee traps.
  (func $trap (param i32) (result i32)
    (i32.load (local.get 0)))
  (func (export "store-then-trap") (param i32) (result i32)
    (i32.store (i32.const 8) (i32.const 7))
    (return_call $trap (local.get 0)))
  (func (export "peek") (result i32) (i32.load (i32.const 8)))

  ;; return_call_indirect checks like call_indirect.
  (func (export "indirect") (param i32) (result i64)
    (return_call_indirect (type $f64-i64)
      (f64.const 1) (i64.const 1) (local.get 0)))
)

(assert_return (invoke "a" (i64.const 10_000_000)) (i64.const 42))
(assert_return (invoke "a" (i64.const 0)) (i64.const 42))
(assert_exhaustion (invoke "rec" (i64.const 10_000_000)) "call stack exhausted")
(assert_return (invoke "lib" (i64.const 10_000_000)) (i64.const 0) (i32.const 10_000_000))
(assert_return (invoke "print" (i32.const 7)))
(assert_trap (invoke "store-then-trap" (i32.const 65536)) "out of bounds memory access")
(assert_return (invoke "peek") (i32.const 7))
(assert_return (invoke "indirect" (i32.const 0)) (i64.const 42))
(assert_trap (invoke "indirect" (i32.const 1)) "indirect call type mismatch")
(assert_trap (invoke "indirect" (i32.const 2)) "undefined element")

;; The callee's results must be the caller's.
(assert_invalid
  (module
    (func $f (result i64) (i64.const 0))
    (func (result i32) (return_call $f)))
  "type mismatch")
(assert_invalid
  (module
    (type $t (func (result i64)))
    (table 1 funcref)
    (func (result i32) (return_call_indirect (type $t) (i32.const 0))))
  "type mismatch")
