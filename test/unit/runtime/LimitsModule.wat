;; The module of LimitsTest.cpp, compiled by the build with
;; `wasm2native compile --fuel --epoch` at -O0 and -O2, and without
;; instrumentation (limits-plain.so).
(module
  (memory 1)
  ;; Never returns.
  (func (export "spin")
    (loop $l (br $l)))
  ;; Sums 0..n-1 through memory (work the optimiser can change the shape
  ;; of, but not the fuel charged for it).
  (func (export "sum") (param $n i32) (result i32)
    (local $i i32)
    (block $done
      (loop $l
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (i32.store (i32.const 0)
          (i32.add (i32.load (i32.const 0)) (local.get $i)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $l)))
    (i32.load (i32.const 0))))
