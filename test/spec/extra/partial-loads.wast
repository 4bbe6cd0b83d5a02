;; Straddling loads whose value is used partly, on another path, or not at
;; all, must trap before the store that follows them (see
;; test/lit/wast/partial-loads.test and compiler/transform/LoadSinkPruning.cpp).
(module
  (memory 1)
  (func (export "cell") (result i64) (i64.load (i32.const 0)))
  ;; The low half of an i64 (a 4-byte load would not straddle).
  (func (export "wrap") (param i32)
    (i32.store (i32.const 0) (i32.wrap_i64 (i64.load (local.get 0)))))
  ;; The low byte through a mask.
  (func (export "mask") (param i32)
    (i32.store (i32.const 0) (i32.and (i32.load (local.get 0)) (i32.const 255))))
  ;; The low byte through a shift left.
  (func (export "shl") (param i32)
    (i32.store (i32.const 0) (i32.shl (i32.load (local.get 0)) (i32.const 24))))
  ;; The high half through a shift right (a load at p+4 would still trap,
  ;; but must not be the only one).
  (func (export "shr") (param i32)
    (i64.store (i32.const 0) (i64.shr_u (i64.load (local.get 0)) (i64.const 32))))
  ;; One lane of a vector.
  (func (export "lane") (param i32)
    (i32.store (i32.const 0)
      (i32x4.extract_lane 0 (v128.load (local.get 0)))))
  ;; Used only on a path not taken.
  (func (export "later") (param i32) (param i32)
    (local $v i64)
    (local.set $v (i64.load (local.get 0)))
    (if (local.get 1) (then (i64.store (i32.const 0) (local.get $v)))))
  ;; One of two loads chosen by a select.
  (func (export "pick") (param i32 i32 i32)
    (i32.store (i32.const 0)
      (select (i32.load (local.get 0)) (i32.load (local.get 1)) (local.get 2))))
  ;; Used in full (a rotate, a float add): anchored, still traps.
  (func (export "rotl") (param i32)
    (i32.store (i32.const 0) (i32.rotl (i32.load (local.get 0)) (i32.const 8))))
  (func (export "fadd") (param i32)
    (f64.store (i32.const 0) (f64.add (f64.load (local.get 0)) (f64.const 1))))
  ;; A sum over a range, the last element straddling the end.
  (func (export "sum") (param $p i32) (param $n i32)
    (local $s i64)
    (block $done
      (loop $l
        (br_if $done (i32.eqz (local.get $n)))
        (local.set $s (i64.add (local.get $s) (i64.load (local.get $p))))
        (local.set $p (i32.add (local.get $p) (i32.const 8)))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $l)))
    (i64.store (i32.const 0) (local.get $s)))
)
(assert_trap (invoke "wrap" (i32.const 65532)) "out of bounds memory access")
(assert_return (invoke "cell") (i64.const 0))
(assert_trap (invoke "mask" (i32.const 65533)) "out of bounds memory access")
(assert_return (invoke "cell") (i64.const 0))
(assert_trap (invoke "shl" (i32.const 65533)) "out of bounds memory access")
(assert_return (invoke "cell") (i64.const 0))
(assert_trap (invoke "shr" (i32.const 65529)) "out of bounds memory access")
(assert_return (invoke "cell") (i64.const 0))
(assert_trap (invoke "lane" (i32.const 65528)) "out of bounds memory access")
(assert_return (invoke "cell") (i64.const 0))
(assert_trap (invoke "later" (i32.const 65530) (i32.const 0)) "out of bounds memory access")
(assert_return (invoke "cell") (i64.const 0))
(assert_trap (invoke "later" (i32.const 65530) (i32.const 1)) "out of bounds memory access")
(assert_return (invoke "cell") (i64.const 0))
(assert_trap (invoke "pick" (i32.const 65534) (i32.const 0) (i32.const 0)) "out of bounds memory access")
(assert_return (invoke "cell") (i64.const 0))
(assert_trap (invoke "pick" (i32.const 0) (i32.const 65534) (i32.const 1)) "out of bounds memory access")
(assert_return (invoke "cell") (i64.const 0))
(assert_trap (invoke "rotl" (i32.const 65534)) "out of bounds memory access")
(assert_return (invoke "cell") (i64.const 0))
(assert_trap (invoke "fadd" (i32.const 65529)) "out of bounds memory access")
(assert_return (invoke "cell") (i64.const 0))
(assert_trap (invoke "sum" (i32.const 65001) (i32.const 67)) "out of bounds memory access")
(assert_return (invoke "cell") (i64.const 0))
;; In bounds, each does its work.
(assert_return (invoke "wrap" (i32.const 65528)))
(assert_return (invoke "mask" (i32.const 65532)))
(assert_return (invoke "shl" (i32.const 65532)))
(assert_return (invoke "shr" (i32.const 65528)))
(assert_return (invoke "lane" (i32.const 65520)))
(assert_return (invoke "later" (i32.const 65528) (i32.const 0)))
(assert_return (invoke "rotl" (i32.const 65532)))
(assert_return (invoke "sum" (i32.const 65000) (i32.const 67)))
(assert_return (invoke "cell") (i64.const 0))
(assert_return (invoke "fadd" (i32.const 65528)))
(assert_return (invoke "cell") (i64.const 0x3ff0000000000000))
