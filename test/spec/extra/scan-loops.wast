;; Loops that leave at the first difference or at a given value, as
;; compiler/transform/ScanVectorization.cpp puts a vector search in front
;; of: the results and the values that leave the loop must be those of the
;; scalar loop, and a loop that runs off the end of memory must trap where
;; the scalar loop traps, and only if it reaches the end before it leaves.
(module
  (memory 1)
  ;; wasi-libc's memcmp: for (; n && *l == *r; n--, l++, r++);
  (func $memcmp (export "memcmp") (param $l i32) (param $r i32) (param $n i32)
    (result i32)
    (block $done
      (loop $next
        (br_if $done (i32.eqz (local.get $n)))
        (br_if $done (i32.ne (i32.load8_u (local.get $l))
                             (i32.load8_u (local.get $r))))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (local.set $l (i32.add (local.get $l) (i32.const 1)))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $next)))
    (if (result i32) (local.get $n)
      (then (i32.sub (i32.load8_u (local.get $l)) (i32.load8_u (local.get $r))))
      (else (i32.const 0))))
  ;; The same loop, returning where l stopped (a value that leaves the loop).
  (func (export "mismatch_at") (param $l i32) (param $r i32) (param $n i32)
    (result i32)
    (block $done
      (loop $next
        (br_if $done (i32.eqz (local.get $n)))
        (br_if $done (i32.ne (i32.load8_u (local.get $l))
                             (i32.load8_u (local.get $r))))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (local.set $l (i32.add (local.get $l) (i32.const 1)))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $next)))
    (local.get $l))
  ;; A compressor's match length: while (len < limit && a[len] == b[len]) len++
  (func (export "matchlen") (param $a i32) (param $b i32) (param $limit i32)
    (result i32)
    (local $len i32)
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $len) (local.get $limit)))
        (br_if $done (i32.ne
          (i32.load8_u (i32.add (local.get $a) (local.get $len)))
          (i32.load8_u (i32.add (local.get $b) (local.get $len)))))
        (local.set $len (i32.add (local.get $len) (i32.const 1)))
        (br $next)))
    (local.get $len))
  ;; memchr: the index of the first byte c in [p, p + n), or -1.
  (func (export "find") (param $p i32) (param $c i32) (param $n i32)
    (result i32)
    (local $i i32)
    (block $done
      (loop $next
        (br_if $done (i32.eq (local.get $i) (local.get $n)))
        (if (i32.eq (i32.load8_u (i32.add (local.get $p) (local.get $i)))
                    (local.get $c))
          (then (return (local.get $i))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (i32.const -1))
  ;; wmemcmp-like: 32-bit elements, the count of equal leading words.
  (func (export "words_equal") (param $a i32) (param $b i32) (param $n i32)
    (result i32)
    (local $i i32)
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (br_if $done (i32.ne
          (i32.load (i32.add (local.get $a) (i32.shl (local.get $i) (i32.const 2))))
          (i32.load (i32.add (local.get $b) (i32.shl (local.get $i) (i32.const 2))))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (local.get $i))
  ;; Two conditions on one byte: the first byte that is c or differs.
  (func (export "until_c_or_diff") (param $a i32) (param $b i32) (param $c i32)
    (param $n i32) (result i32)
    (local $i i32)
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (br_if $done (i32.eq (i32.load8_u (i32.add (local.get $a) (local.get $i)))
                             (local.get $c)))
        (br_if $done (i32.ne (i32.load8_u (i32.add (local.get $a) (local.get $i)))
                             (i32.load8_u (i32.add (local.get $b) (local.get $i)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (local.get $i))
  ;; Writes n bytes v from p.
  (func $fill (export "fill") (param $p i32) (param $v i32) (param $n i32)
    (block $done
      (loop $next
        (br_if $done (i32.eqz (local.get $n)))
        (i32.store8 (local.get $p) (local.get $v))
        (local.set $p (i32.add (local.get $p) (i32.const 1)))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $next))))
  (func (export "set") (param $p i32) (param $v i32)
    (i32.store8 (local.get $p) (local.get $v))))

;; Two equal ranges of 1000 bytes at 1000 and 3000, and 100 bytes at the
;; very end of memory equal to 100 bytes at 5000.
(assert_return (invoke "fill" (i32.const 1000) (i32.const 7) (i32.const 1000)))
(assert_return (invoke "fill" (i32.const 3000) (i32.const 7) (i32.const 1000)))
(assert_return (invoke "fill" (i32.const 5000) (i32.const 7) (i32.const 100)))
(assert_return (invoke "fill" (i32.const 65436) (i32.const 7) (i32.const 100)))
(assert_return (invoke "memcmp" (i32.const 1000) (i32.const 3000) (i32.const 1000)) (i32.const 0))
(assert_return (invoke "mismatch_at" (i32.const 1000) (i32.const 3000) (i32.const 1000)) (i32.const 2000))
(assert_return (invoke "memcmp" (i32.const 1000) (i32.const 3000) (i32.const 0)) (i32.const 0))
(assert_return (invoke "memcmp" (i32.const 1000) (i32.const 3000) (i32.const 15)) (i32.const 0))
(assert_return (invoke "matchlen" (i32.const 1000) (i32.const 3000) (i32.const 1000)) (i32.const 1000))
(assert_return (invoke "matchlen" (i32.const 1000) (i32.const 3000) (i32.const 17)) (i32.const 17))
;; Ending exactly at the end of memory: no trap.
(assert_return (invoke "memcmp" (i32.const 65436) (i32.const 5000) (i32.const 100)) (i32.const 0))
(assert_return (invoke "mismatch_at" (i32.const 65436) (i32.const 5000) (i32.const 100)) (i32.const 65536))
(assert_return (invoke "matchlen" (i32.const 5000) (i32.const 65436) (i32.const 100)) (i32.const 100))

;; A difference at the first byte, in the first block, at a block's last
;; and first byte, and at the last byte.
(assert_return (invoke "set" (i32.const 3000) (i32.const 9)))
(assert_return (invoke "memcmp" (i32.const 1000) (i32.const 3000) (i32.const 1000)) (i32.const -2))
(assert_return (invoke "mismatch_at" (i32.const 1000) (i32.const 3000) (i32.const 1000)) (i32.const 1000))
(assert_return (invoke "set" (i32.const 3000) (i32.const 7)))
(assert_return (invoke "set" (i32.const 3005) (i32.const 1)))
(assert_return (invoke "memcmp" (i32.const 1000) (i32.const 3000) (i32.const 1000)) (i32.const 6))
(assert_return (invoke "matchlen" (i32.const 1000) (i32.const 3000) (i32.const 1000)) (i32.const 5))
(assert_return (invoke "matchlen" (i32.const 1000) (i32.const 3000) (i32.const 5)) (i32.const 5))
(assert_return (invoke "set" (i32.const 3005) (i32.const 7)))
(assert_return (invoke "set" (i32.const 3015) (i32.const 1)))
(assert_return (invoke "mismatch_at" (i32.const 1000) (i32.const 3000) (i32.const 1000)) (i32.const 1015))
(assert_return (invoke "set" (i32.const 3015) (i32.const 7)))
(assert_return (invoke "set" (i32.const 3016) (i32.const 200)))
(assert_return (invoke "memcmp" (i32.const 1000) (i32.const 3000) (i32.const 1000)) (i32.const -193))
(assert_return (invoke "mismatch_at" (i32.const 1000) (i32.const 3000) (i32.const 1000)) (i32.const 1016))
(assert_return (invoke "matchlen" (i32.const 3000) (i32.const 1000) (i32.const 1000)) (i32.const 16))
(assert_return (invoke "set" (i32.const 3016) (i32.const 7)))
(assert_return (invoke "set" (i32.const 3999) (i32.const 8)))
(assert_return (invoke "memcmp" (i32.const 1000) (i32.const 3000) (i32.const 1000)) (i32.const -1))
(assert_return (invoke "mismatch_at" (i32.const 1000) (i32.const 3000) (i32.const 1000)) (i32.const 1999))
(assert_return (invoke "matchlen" (i32.const 1000) (i32.const 3000) (i32.const 1000)) (i32.const 999))
(assert_return (invoke "memcmp" (i32.const 1000) (i32.const 3000) (i32.const 999)) (i32.const 0))
(assert_return (invoke "set" (i32.const 3999) (i32.const 7)))

;; Ranges that run past the end of memory. A difference before the end:
;; a result, no trap, although the vector search cannot run there.
(assert_return (invoke "set" (i32.const 65446) (i32.const 1)))
(assert_return (invoke "memcmp" (i32.const 65436) (i32.const 1000) (i32.const 500)) (i32.const -6))
(assert_return (invoke "mismatch_at" (i32.const 1000) (i32.const 65436) (i32.const 500)) (i32.const 1010))
(assert_return (invoke "matchlen" (i32.const 65436) (i32.const 1000) (i32.const 500)) (i32.const 10))
;; The same with the difference in the last bytes of memory, where a
;; vector block would reach past the end.
(assert_return (invoke "set" (i32.const 65446) (i32.const 7)))
(assert_return (invoke "set" (i32.const 65534) (i32.const 1)))
(assert_return (invoke "memcmp" (i32.const 65436) (i32.const 1000) (i32.const 500)) (i32.const -6))
(assert_return (invoke "mismatch_at" (i32.const 1000) (i32.const 65436) (i32.const 500)) (i32.const 1098))
(assert_return (invoke "matchlen" (i32.const 65436) (i32.const 1000) (i32.const 500)) (i32.const 98))
(assert_return (invoke "set" (i32.const 65534) (i32.const 7)))
;; No difference before the end: the loop reads past it and traps.
(assert_trap (invoke "memcmp" (i32.const 65436) (i32.const 1000) (i32.const 500)) "out of bounds memory access")
(assert_trap (invoke "mismatch_at" (i32.const 1000) (i32.const 65436) (i32.const 500)) "out of bounds memory access")
(assert_trap (invoke "matchlen" (i32.const 65436) (i32.const 1000) (i32.const 500)) "out of bounds memory access")
(assert_trap (invoke "matchlen" (i32.const 65436) (i32.const 1000) (i32.const -1)) "out of bounds memory access")
;; Starting past the end.
(assert_trap (invoke "memcmp" (i32.const 65536) (i32.const 1000) (i32.const 100)) "out of bounds memory access")
(assert_trap (invoke "memcmp" (i32.const -16) (i32.const 1000) (i32.const 100)) "out of bounds memory access")

;; memchr: at 0, within and after the first block, absent, and past the end.
(assert_return (invoke "set" (i32.const 1000) (i32.const 42)))
(assert_return (invoke "find" (i32.const 1000) (i32.const 42) (i32.const 1000)) (i32.const 0))
(assert_return (invoke "set" (i32.const 1000) (i32.const 7)))
(assert_return (invoke "set" (i32.const 1013) (i32.const 42)))
(assert_return (invoke "find" (i32.const 1000) (i32.const 42) (i32.const 1000)) (i32.const 13))
(assert_return (invoke "set" (i32.const 1013) (i32.const 7)))
(assert_return (invoke "set" (i32.const 1700) (i32.const 42)))
(assert_return (invoke "find" (i32.const 1000) (i32.const 42) (i32.const 1000)) (i32.const 700))
(assert_return (invoke "find" (i32.const 1000) (i32.const 42) (i32.const 700)) (i32.const -1))
(assert_return (invoke "find" (i32.const 1000) (i32.const 42) (i32.const 701)) (i32.const 700))
(assert_return (invoke "find" (i32.const 1000) (i32.const 298) (i32.const 1000)) (i32.const -1))
(assert_return (invoke "set" (i32.const 1700) (i32.const 7)))
(assert_return (invoke "set" (i32.const 65535) (i32.const 42)))
(assert_return (invoke "find" (i32.const 65000) (i32.const 42) (i32.const 1000)) (i32.const 535))
(assert_trap (invoke "find" (i32.const 65000) (i32.const 43) (i32.const 1000)) "out of bounds memory access")
(assert_return (invoke "set" (i32.const 65535) (i32.const 7)))

;; 32-bit elements: 250 equal words, then a difference in word 77, and in
;; the second byte of word 3.
(assert_return (invoke "words_equal" (i32.const 1000) (i32.const 3000) (i32.const 250)) (i32.const 250))
(assert_return (invoke "set" (i32.const 3308) (i32.const 0)))
(assert_return (invoke "words_equal" (i32.const 1000) (i32.const 3000) (i32.const 250)) (i32.const 77))
(assert_return (invoke "words_equal" (i32.const 1000) (i32.const 3000) (i32.const 77)) (i32.const 77))
(assert_return (invoke "set" (i32.const 3013) (i32.const 0)))
(assert_return (invoke "words_equal" (i32.const 1000) (i32.const 3000) (i32.const 250)) (i32.const 3))
(assert_return (invoke "set" (i32.const 3308) (i32.const 7)))
(assert_return (invoke "set" (i32.const 3013) (i32.const 7)))
(assert_trap (invoke "words_equal" (i32.const 65436) (i32.const 5000) (i32.const 26)) "out of bounds memory access")
(assert_return (invoke "words_equal" (i32.const 65436) (i32.const 5000) (i32.const 25)) (i32.const 25))

;; Two data exits: the first of either.
(assert_return (invoke "until_c_or_diff" (i32.const 1000) (i32.const 3000) (i32.const 42) (i32.const 1000)) (i32.const 1000))
(assert_return (invoke "set" (i32.const 1040) (i32.const 42)))
(assert_return (invoke "set" (i32.const 3040) (i32.const 42)))
(assert_return (invoke "set" (i32.const 3030) (i32.const 1)))
(assert_return (invoke "until_c_or_diff" (i32.const 1000) (i32.const 3000) (i32.const 42) (i32.const 1000)) (i32.const 30))
(assert_return (invoke "set" (i32.const 3030) (i32.const 7)))
(assert_return (invoke "until_c_or_diff" (i32.const 1000) (i32.const 3000) (i32.const 42) (i32.const 1000)) (i32.const 40))
