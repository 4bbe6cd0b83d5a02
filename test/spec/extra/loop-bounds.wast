;; Loops that run off the end of memory part-way: every access before the
;; first out-of-bounds one happens, then the trap. With explicit bounds
;; checks, compiler/transform/AddressWidening.cpp drops the checks from a
;; loop only after checking before it that no access of the loop can be
;; out of bounds; here that fails and the checked copy must run.
(module
  (memory 1)
  (func (export "fill") (param $p i32) (param $n i32) (param $v i32)
    (local $i i32)
    (block $done
      (loop $l
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (i32.store8 (i32.add (local.get $p) (local.get $i)) (local.get $v))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $l))))
  ;; Sums pairs of i32 at p + 8k and p + 8k + 4.
  (func (export "pairs") (param $p i32) (param $n i32) (result i32)
    (local $s i32)
    (block $done
      (loop $l
        (br_if $done (i32.eqz (local.get $n)))
        (local.set $s (i32.add (local.get $s)
          (i32.add (i32.load (local.get $p))
                   (i32.load offset=4 (local.get $p)))))
        (local.set $p (i32.add (local.get $p) (i32.const 8)))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $l)))
    (local.get $s))
  (func (export "byte") (param $p i32) (result i32)
    (i32.load8_u (local.get $p))))

;; In bounds: 100 bytes of 7 at 1000, and pairs over them.
(assert_return (invoke "fill" (i32.const 1000) (i32.const 100) (i32.const 7)))
(assert_return (invoke "byte" (i32.const 1099)) (i32.const 7))
(assert_return (invoke "byte" (i32.const 1100)) (i32.const 0))
;; 24 words of 0x07070707 (96 bytes) sum to 0xa8a8a8a8 mod 2^32.
(assert_return (invoke "pairs" (i32.const 1000) (i32.const 12)) (i32.const 0xa8a8a8a8))
;; 20 bytes from 65530: six are written, then the trap.
(assert_trap (invoke "fill" (i32.const 65530) (i32.const 20) (i32.const 9)) "out of bounds memory access")
(assert_return (invoke "byte" (i32.const 65530)) (i32.const 9))
(assert_return (invoke "byte" (i32.const 65535)) (i32.const 9))
(assert_trap (invoke "pairs" (i32.const 65000) (i32.const 100)) "out of bounds memory access")
(assert_trap (invoke "pairs" (i32.const 65532) (i32.const 1)) "out of bounds memory access")
;; The last pair in bounds: 0x09090000 + 0x09090909.
(assert_return (invoke "pairs" (i32.const 65528) (i32.const 1)) (i32.const 0x12120909))
