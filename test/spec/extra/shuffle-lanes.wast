;; Shuffle lanes that are read only through a reinterpretation (an
;; extract of a wider lane, a narrowing, a widening of the high half) must
;; keep their values when compiler/transform/ShuffleLanePruning.cpp makes
;; unread lanes poison.
(module
  (memory 1)
  (data (i32.const 0) "\01\02\03\04\05\06\07\08\09\0a\0b\0c\0d\0e\0f\10")
  ;; Memory, not a constant, so that the shuffles survive optimisation.
  (func $v (result v128) (v128.load (i32.const 0)))
  ;; Lanes 4-7 repeat byte 0 and are read as the second i32 lane.
  (func (export "wide_lane") (result i32)
    (i32x4.extract_lane 1
      (i8x16.shuffle 7 8 9 10 0 0 0 0 0 0 0 0 0 0 0 0 (call $v) (call $v))))
  ;; Only the low four lanes are widened; the i64 lane 0 reads lanes 0-3.
  (func (export "low_sum") (result i64)
    (i64x2.extract_lane 0
      (i64x2.extend_low_i32x4_u
        (i32x4.extend_low_i16x8_u (i16x8.extend_low_i8x16_u
          (i8x16.shuffle 7 8 9 10 0 0 0 0 0 0 0 0 0 0 0 0
            (call $v) (call $v)))))))
  ;; The high half of a widening reads lanes 8-15.
  (func (export "high_lane") (result i32)
    (i16x8.extract_lane_u 7
      (i16x8.extend_high_i8x16_u
        (i8x16.shuffle 7 8 9 10 0 0 0 0 0 0 0 0 0 0 0 15
          (call $v) (call $v)))))
  ;; Lane 3 of an add of two shuffles reads lane 3 of each.
  (func (export "add_lane") (result i32)
    (i8x16.extract_lane_u 3
      (i8x16.add
        (i8x16.shuffle 0 0 0 9 0 0 0 0 0 0 0 0 0 0 0 0 (call $v) (call $v))
        (i8x16.shuffle 0 0 0 31 0 0 0 0 0 0 0 0 0 0 0 0 (call $v) (call $v))))))

(assert_return (invoke "wide_lane") (i32.const 0x01010101))
(assert_return (invoke "low_sum") (i64.const 8))
(assert_return (invoke "high_lane") (i32.const 16))
(assert_return (invoke "add_lane") (i32.const 26))
