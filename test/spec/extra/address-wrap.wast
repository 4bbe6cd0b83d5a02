;; Loops whose i32 addresses wrap around 4 GiB into valid low memory, next
;; to the same loops without wrapping: compiler/transform/AddressWidening.cpp
;; runs such loops with 64-bit addresses only after checking, before the
;; loop, that no address wraps; otherwise the original loop runs.
(module
  (memory 1)
  (data (i32.const 0) "\01\02\03\04\05\06\07\08\09\0a\0b\0c\0d\0e\0f\10\11\12\13\14\15\16\17\18\19\1a\1b\1c\1d\1e\1f\20")
  ;; Sum of the bytes at base + i for i in [from, to), stepping by 1.
  (func (export "sum_up") (param $base i32) (param $from i32) (param $to i32)
                          (result i32)
    (local $i i32) (local $s i32)
    (local.set $i (local.get $from))
    (block $done
      (loop $l
        (br_if $done (i32.ge_u (local.get $i) (local.get $to)))
        (local.set $s (i32.add (local.get $s)
          (i32.load8_u (i32.add (local.get $base) (local.get $i)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $l)))
    (local.get $s))
  ;; The same, walking down from base + to - 1 to base + from.
  (func (export "sum_down") (param $base i32) (param $from i32) (param $to i32)
                            (result i32)
    (local $i i32) (local $s i32)
    (local.set $i (local.get $to))
    (block $done
      (loop $l
        (br_if $done (i32.le_u (local.get $i) (local.get $from)))
        (local.set $i (i32.sub (local.get $i) (i32.const 1)))
        (local.set $s (i32.add (local.get $s)
          (i32.load8_u (i32.add (local.get $base) (local.get $i)))))
        (br $l)))
    (local.get $s))
;; Sum of the bytes at base + i for i in [skip, n), over a loop on i in
  ;; [0, n): with base = -16 and skip = 16 the address wraps inside the
  ;; loop, and only the wrapped (valid) addresses are read.
  (func (export "sum_tail") (param $base i32) (param $skip i32) (param $n i32)
                            (result i32)
    (local $i i32) (local $s i32)
    (block $done
      (loop $l
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (if (i32.ge_u (local.get $i) (local.get $skip))
          (then (local.set $s (i32.add (local.get $s)
            (i32.load8_u (i32.add (local.get $base) (local.get $i)))))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $l)))
    (local.get $s))
  ;; Pairs: bytes at base + 2k and base + 2k + 1 (two offsets, one step).
  (func (export "pairs") (param $base i32) (param $n i32) (result i32)
    (local $p i32) (local $s i32)
    (local.set $p (local.get $base))
    (block $done
      (loop $l
        (br_if $done (i32.eqz (local.get $n)))
        (local.set $s (i32.add (local.get $s)
          (i32.mul (i32.load8_u (local.get $p))
                   (i32.load8_u (i32.add (local.get $p) (i32.const 1))))))
        (local.set $p (i32.add (local.get $p) (i32.const 2)))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $l)))
    (local.get $s))
  ;; The first index in [from, to) whose byte at base + i equals v, or -1:
  ;; a loop with two exits.
  (func (export "find") (param $base i32) (param $i i32) (param $n i32)
                        (param $v i32) (result i32)
    (block $none
      (loop $l
        (br_if $none (i32.ge_u (local.get $i) (local.get $n)))
        (if (i32.eq (i32.load8_u (i32.add (local.get $base) (local.get $i)))
                    (local.get $v))
          (then (return (local.get $i))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $l)))
    (i32.const -1))
  ;; Copies the bytes at src + i to dst + i for i in [from, to).
  (func (export "copy") (param $dst i32) (param $src i32) (param $i i32)
                        (param $n i32)
    (block $done
      (loop $l
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (i32.store8 (i32.add (local.get $dst) (local.get $i))
          (i32.load8_u (i32.add (local.get $src) (local.get $i))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $l)))))

;; 1 + 2 + ... + 32 = 528. Without wrapping:
(assert_return (invoke "sum_up" (i32.const 0) (i32.const 0) (i32.const 32)) (i32.const 528))
(assert_return (invoke "sum_down" (i32.const 0) (i32.const 0) (i32.const 32)) (i32.const 528))
;; base = -16: indices 16..47 wrap to addresses 0..31.
(assert_return (invoke "sum_up" (i32.const -16) (i32.const 16) (i32.const 48)) (i32.const 528))
(assert_return (invoke "sum_down" (i32.const -16) (i32.const 16) (i32.const 48)) (i32.const 528))
;; base = -8: indices 0..7 are out of bounds (4 GiB - 8): a trap.
(assert_trap (invoke "sum_up" (i32.const -8) (i32.const 0) (i32.const 32)) "out of bounds memory access")
(assert_trap (invoke "sum_down" (i32.const -8) (i32.const 0) (i32.const 32)) "out of bounds memory access")
(assert_return (invoke "sum_tail" (i32.const 0) (i32.const 0) (i32.const 32)) (i32.const 528))
(assert_return (invoke "sum_tail" (i32.const -16) (i32.const 16) (i32.const 48)) (i32.const 528))
(assert_return (invoke "sum_tail" (i32.const -1) (i32.const 1) (i32.const 33)) (i32.const 528))
;; 1*2 + 3*4 + ... + 31*32 = 5712, from 0 and wrapping from -32 + 32.
(assert_return (invoke "pairs" (i32.const 0) (i32.const 16)) (i32.const 5712))
(assert_return (invoke "find" (i32.const 0) (i32.const 0) (i32.const 32) (i32.const 20)) (i32.const 19))
(assert_return (invoke "find" (i32.const -10) (i32.const 10) (i32.const 42) (i32.const 20)) (i32.const 29))
(assert_return (invoke "find" (i32.const 0) (i32.const 0) (i32.const 32) (i32.const 99)) (i32.const -1))
;; Copy 32 bytes to 64 through wrapped source and destination addresses,
;; then sum them there.
(assert_return (invoke "copy" (i32.const 36) (i32.const -28) (i32.const 28) (i32.const 60)))
(assert_return (invoke "sum_up" (i32.const 64) (i32.const 0) (i32.const 32)) (i32.const 528))
(assert_return (invoke "copy" (i32.const -100) (i32.const -200) (i32.const 200) (i32.const 232)))
(assert_return (invoke "sum_up" (i32.const 100) (i32.const 0) (i32.const 32)) (i32.const 528))

;; Two address groups (dst + i, src + i) that overlap: the loop must not
;; run with alias scopes that say they do not. A forward byte copy to
;; src + 1 repeats the first byte.
(module
  (memory 1)
  (data (i32.const 0) "\01\02\03\04\05\06\07\08\09\0a\0b\0c\0d\0e\0f\10\11\12\13\14\15\16\17\18\19\1a\1b\1c\1d\1e\1f\20")
  (func (export "copy") (param $dst i32) (param $src i32) (param $n i32)
    (local $i i32)
    (block $done
      (loop $l
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (i32.store8 (i32.add (local.get $dst) (local.get $i))
          (i32.load8_u (i32.add (local.get $src) (local.get $i))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $l))))
  (func (export "sum") (param $p i32) (param $n i32) (result i32)
    (local $s i32)
    (block $done
      (loop $l
        (br_if $done (i32.eqz (local.get $n)))
        (local.set $s (i32.add (local.get $s) (i32.load8_u (local.get $p))))
        (local.set $p (i32.add (local.get $p) (i32.const 1)))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $l)))
    (local.get $s)))
;; Apart: 32 bytes to 1000, then their sum.
(assert_return (invoke "copy" (i32.const 1000) (i32.const 0) (i32.const 32)))
(assert_return (invoke "sum" (i32.const 1000) (i32.const 32)) (i32.const 528))
;; Overlapping: 0..31 copied forward onto 1..32: every byte becomes 1.
(assert_return (invoke "copy" (i32.const 1) (i32.const 0) (i32.const 32)))
(assert_return (invoke "sum" (i32.const 0) (i32.const 33)) (i32.const 33))
