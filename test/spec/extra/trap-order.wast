;; Writes done before an access that traps must be visible after the trap,
;; and writes after it must not be: the embedder that catches a trap sees
;; memory, globals and tables as the wasm program left them. LLVM sees a
;; guard-mode access as unable to trap unless the compiler tells it
;; otherwise, and would delete a store that a later store overwrites, keep
;; a global in a register through a loop, or move a store across the access
;; (docs/semantics.md, "Writes and traps").
(module
  (memory 1)
  (global $g (mut i32) (i32.const 0))
  (global $h (mut i64) (i64.const 0))
  (table $t 2 funcref)
  (func $one (result i32) (i32.const 1))
  (func $two (result i32) (i32.const 2))
  (elem declare func $one $two)

  ;; Dead-store elimination: the first store is overwritten after the
  ;; access that traps.
  (func (export "overwrite-after-store") (param $p i32)
    (i32.store (i32.const 0) (i32.const 5))
    (i64.store (local.get $p) (i64.const 1))
    (i32.store (i32.const 0) (i32.const 7)))
  (func (export "overwrite-after-load") (param $p i32) (result i32)
    (local $x i32)
    (i32.store (i32.const 8) (i32.const 5))
    (local.set $x (i32.load offset=8 (local.get $p)))
    (i32.store (i32.const 8) (i32.const 7))
    (local.get $x))
  (func (export "global-around-load") (param $p i32)
    (global.set $g (i32.const 5))
    (drop (i32.load (local.get $p)))
    (global.set $g (i32.const 7)))
  (func (export "global-around-store") (param $p i32)
    (global.set $h (i64.const 5))
    (i32.store8 (local.get $p) (i32.const 1))
    (global.set $h (i64.const 7)))
  (func (export "table-around-load") (param $p i32)
    (table.set $t (i32.const 0) (ref.func $one))
    (drop (i64.load (local.get $p)))
    (table.set $t (i32.const 0) (ref.func $two)))
  (func (export "call-table") (result i32)
    (call_indirect (result i32) (i32.const 0)))

  ;; A global kept in a register through a loop and stored at its exits:
  ;; the exit through the trap must store it too.
  (func (export "count-stores") (param $p i32) (param $n i32)
    (loop $l
      (global.set $g (i32.sub (global.get $g) (i32.const 1)))
      (i32.store (local.get $p) (i32.const 1))
      (local.set $p (i32.add (local.get $p) (i32.const 4096)))
      (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1))))))
  (func (export "count-loads") (param $p i32) (param $n i32) (result i32)
    (local $s i32)
    (loop $l
      (global.set $g (i32.add (global.get $g) (i32.const 1)))
      (local.set $s (i32.add (local.get $s) (i32.load (local.get $p))))
      (local.set $p (i32.add (local.get $p) (i32.const 4096)))
      (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
    (local.get $s))
  ;; A store to one place in every iteration: only the last one before
  ;; the trap counts, but it must be there.
  (func (export "last-iteration") (param $p i32) (param $n i32)
    (local $i i32)
    (loop $l
      (i32.store (i32.const 16) (local.get $i))
      (drop (i32.load (local.get $p)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (local.set $p (i32.add (local.get $p) (i32.const 8192)))
      (br_if $l (i32.lt_u (local.get $i) (local.get $n)))))

  ;; A store common to both arms of an `if`, after a trapping load in one:
  ;; hoisting it above the `if` would make it visible after the trap.
  (func (export "store-after-load-in-arm") (param $p i32) (param $c i32)
    (if (local.get $c)
      (then
        (drop (i32.load (local.get $p)))
        (i32.store (i32.const 24) (i32.const 9)))
      (else
        (i32.store (i32.const 24) (i32.const 9)))))
  ;; A store in both arms before a trapping load in one: sinking it below
  ;; the `if` would lose it.
  (func (export "store-before-load-in-arm") (param $p i32) (param $c i32)
    (if (local.get $c)
      (then
        (i32.store (i32.const 28) (i32.const 9))
        (drop (i32.load (local.get $p))))
      (else
        (i32.store (i32.const 28) (i32.const 9)))))

  ;; Through a call that the optimiser inlines.
  (func $load (param $p i32) (result i32) (i32.load (local.get $p)))
  (func (export "global-around-call") (param $p i32)
    (global.set $g (i32.const 11))
    (drop (call $load (local.get $p)))
    (global.set $g (i32.const 12)))

  ;; A store and a trapping load of the same base at offsets LLVM can tell
  ;; apart: code generation must not run the load first.
  (func (export "store-then-far-load") (param $p i32) (result i32)
    (i32.store (local.get $p) (i32.const 3))
    (i32.load offset=100 (local.get $p)))
  (func (export "load-then-store") (param $p i32) (result i32)
    (local $x i32)
    (local.set $x (i32.load offset=100 (local.get $p)))
    (i32.store (local.get $p) (i32.const 4))
    (local.get $x))

  (func (export "word") (param $p i32) (result i32) (i32.load (local.get $p)))
  (func (export "g") (result i32) (global.get $g))
  (func (export "h") (result i64) (global.get $h))
  (func (export "set-g") (param i32) (global.set $g (local.get 0))))

(assert_trap (invoke "overwrite-after-store" (i32.const 65535)) "out of bounds memory access")
(assert_return (invoke "word" (i32.const 0)) (i32.const 5))
(assert_return (invoke "overwrite-after-store" (i32.const 100)))
(assert_return (invoke "word" (i32.const 0)) (i32.const 7))

(assert_trap (invoke "overwrite-after-load" (i32.const 65530)) "out of bounds memory access")
(assert_return (invoke "word" (i32.const 8)) (i32.const 5))

(assert_trap (invoke "global-around-load" (i32.const 65533)) "out of bounds memory access")
(assert_return (invoke "g") (i32.const 5))
(assert_return (invoke "global-around-load" (i32.const 0)))
(assert_return (invoke "g") (i32.const 7))

(assert_trap (invoke "global-around-store" (i32.const 65536)) "out of bounds memory access")
(assert_return (invoke "h") (i64.const 5))

(assert_trap (invoke "table-around-load" (i32.const 65529)) "out of bounds memory access")
(assert_return (invoke "call-table") (i32.const 1))

(invoke "set-g" (i32.const 0))
(assert_trap (invoke "count-stores" (i32.const 0) (i32.const 100)) "out of bounds memory access")
(assert_return (invoke "g") (i32.const -17))
(invoke "set-g" (i32.const 0))
(assert_trap (invoke "count-loads" (i32.const 8) (i32.const 100)) "out of bounds memory access")
(assert_return (invoke "g") (i32.const 17))

(assert_trap (invoke "last-iteration" (i32.const 4) (i32.const 100)) "out of bounds memory access")
(assert_return (invoke "word" (i32.const 16)) (i32.const 8))

(assert_trap (invoke "store-after-load-in-arm" (i32.const 65533) (i32.const 1)) "out of bounds memory access")
(assert_return (invoke "word" (i32.const 24)) (i32.const 0))
(assert_trap (invoke "store-before-load-in-arm" (i32.const 65533) (i32.const 1)) "out of bounds memory access")
(assert_return (invoke "word" (i32.const 28)) (i32.const 9))

(assert_trap (invoke "global-around-call" (i32.const 65534)) "out of bounds memory access")
(assert_return (invoke "g") (i32.const 11))

(assert_trap (invoke "store-then-far-load" (i32.const 65500)) "out of bounds memory access")
(assert_return (invoke "word" (i32.const 65500)) (i32.const 3))
(assert_trap (invoke "load-then-store" (i32.const 65480)) "out of bounds memory access")
(assert_return (invoke "word" (i32.const 65480)) (i32.const 0))
