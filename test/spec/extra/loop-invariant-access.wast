;; A loop over an array that also updates one fixed place in memory (a
;; sum kept in memory, nbody's body i): in explicit mode address widening
;; checks the fixed address once before the loop, as a recurrence of step
;; 0, and runs the loop without its check. When it is out of bounds the
;; loop as written runs instead, and traps exactly: the stores of the
;; iteration before it are done, and those of the iteration that traps up
;; to the faulting access.
(module
  (memory 1)
  (func (export "accumulate") (param $p i32) (param $sum i32) (param $n i32)
    (loop $l
      (i32.store (local.get $p) (i32.add (i32.load (local.get $p)) (i32.const 1)))
      (i64.store (local.get $sum)
        (i64.add (i64.load (local.get $sum))
                 (i64.extend_i32_u (i32.load (local.get $p)))))
      (local.set $p (i32.add (local.get $p) (i32.const 4)))
      (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1))))))
  (func (export "load32") (param i32) (result i32) (i32.load (local.get 0)))
  (func (export "load64") (param i32) (result i64) (i64.load (local.get 0))))

;; In bounds: 4 elements become 1, the sum 4.
(assert_return (invoke "accumulate" (i32.const 0) (i32.const 1024) (i32.const 4)))
(assert_return (invoke "load32" (i32.const 12)) (i32.const 1))
(assert_return (invoke "load64" (i32.const 1024)) (i64.const 4))
;; The sum at 65532 straddles the end: the first element's store is done,
;; then the load of the sum traps.
(assert_trap (invoke "accumulate" (i32.const 100) (i32.const 65532) (i32.const 8))
             "out of bounds memory access")
(assert_return (invoke "load32" (i32.const 100)) (i32.const 1))
(assert_return (invoke "load32" (i32.const 104)) (i32.const 0))
;; The sum far outside: the same.
(assert_trap (invoke "accumulate" (i32.const 200) (i32.const -8) (i32.const 8))
             "out of bounds memory access")
(assert_return (invoke "load32" (i32.const 200)) (i32.const 1))
(assert_return (invoke "load32" (i32.const 204)) (i32.const 0))
;; The array runs off the end while the sum is inside: 2 elements, sum 2.
(assert_trap (invoke "accumulate" (i32.const 65528) (i32.const 2048) (i32.const 8))
             "out of bounds memory access")
(assert_return (invoke "load32" (i32.const 65532)) (i32.const 1))
(assert_return (invoke "load64" (i32.const 2048)) (i64.const 2))
