;; Loops whose accesses carry a static offset (`offset=100`), run to the
;; end of memory, or over ranges that overlap only once the offset is
;; counted. Address widening (compiler/transform/AddressWidening.cpp)
;; versions such loops on checks of their address ranges, and LICM has by
;; then folded the offsets into the base of the accesses: the ranges must
;; still include them. Every element before the one that traps must be
;; written; overlapping copies must read what the scalar loop reads.
(module
  (memory 1)
  (data (i32.const 1100) "\01\02\03\04")
  (func (export "fill-offset") (param $p i32) (param $n i32)
    (local $i i32)
    (loop $l
      (i32.store8 offset=100 (i32.add (local.get $p) (local.get $i))
        (i32.add (local.get $i) (i32.const 1)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $i) (local.get $n)))))
  (func (export "fill-words-offset") (param $p i32) (param $n i32)
    (local $i i32)
    (loop $l
      (i32.store offset=200 (i32.add (local.get $p) (i32.shl (local.get $i) (i32.const 2)))
        (i32.add (local.get $i) (i32.const 1)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $i) (local.get $n)))))
  (func (export "copy-offset") (param $dst i32) (param $src i32) (param $n i32)
    (local $i i32)
    (loop $l
      (i32.store8 (i32.add (local.get $dst) (local.get $i))
        (i32.load8_u offset=100 (i32.add (local.get $src) (local.get $i))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $i) (local.get $n)))))
  (func (export "sum-offset") (param $p i32) (param $n i32) (result i32)
    (local $i i32) (local $s i32)
    (loop $l
      (local.set $s (i32.add (local.get $s)
        (i32.load offset=1000 (i32.add (local.get $p) (i32.shl (local.get $i) (i32.const 2))))))
      (i32.store (i32.const 0) (local.get $s))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $i) (local.get $n))))
    (local.get $s))
  (func (export "byte") (param $p i32) (result i32) (i32.load8_u (local.get $p)))
  (func (export "word") (param $p i32) (result i32) (i32.load (local.get $p))))

;; 40 bytes fit before the end (65396 + 100 + 40 = 65536); the 41st traps.
(assert_trap (invoke "fill-offset" (i32.const 65396) (i32.const 64)) "out of bounds memory access")
(assert_return (invoke "byte" (i32.const 65496)) (i32.const 1))
(assert_return (invoke "byte" (i32.const 65527)) (i32.const 32))
(assert_return (invoke "byte" (i32.const 65530)) (i32.const 35))
(assert_return (invoke "byte" (i32.const 65535)) (i32.const 40))

;; Copies the 40 bytes at 65496 (written by fill-offset above), then the
;; load of the 41st traps.
(assert_trap (invoke "copy-offset" (i32.const 2000) (i32.const 65396) (i32.const 64)) "out of bounds memory access")
(assert_return (invoke "byte" (i32.const 2000)) (i32.const 1))
(assert_return (invoke "byte" (i32.const 2031)) (i32.const 32))
(assert_return (invoke "byte" (i32.const 2039)) (i32.const 40))
(assert_return (invoke "byte" (i32.const 2040)) (i32.const 0))

;; 30 words fit (65216 + 200 + 4 * 30 = 65536).
(assert_trap (invoke "fill-words-offset" (i32.const 65216) (i32.const 64)) "out of bounds memory access")
(assert_return (invoke "word" (i32.const 65416)) (i32.const 1))
(assert_return (invoke "word" (i32.const 65512)) (i32.const 25))
(assert_return (invoke "word" (i32.const 65532)) (i32.const 30))

;; Reads [1100, 1164) and writes [1104, 1168): the ranges overlap once the
;; offset is counted, so the four bytes at 1100 repeat all the way.
(invoke "copy-offset" (i32.const 1104) (i32.const 1000) (i32.const 64))
(assert_return (invoke "word" (i32.const 1104)) (i32.const 0x04030201))
(assert_return (invoke "word" (i32.const 1136)) (i32.const 0x04030201))
(assert_return (invoke "word" (i32.const 1164)) (i32.const 0x04030201))

;; The running sum is stored before each load: after the trap it holds the
;; sum of the words that fit (65536 - 1000 - 64520 = 16 bytes: 4 words).
;; The words there are 27..30, from fill-words-offset.
(assert_trap (invoke "sum-offset" (i32.const 64520) (i32.const 64)) "out of bounds memory access")
(assert_return (invoke "word" (i32.const 0)) (i32.const 114))
