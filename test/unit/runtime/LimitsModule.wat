;; The module of LimitsTest.cpp, compiled by the build with
;; `wasm2native compile --fuel --epoch` at -O0 and -O2, and without
;; instrumentation (limits-plain.so).
(module
  (memory 1)
  ;; Never returns. The loop does work that the optimiser cannot skip (a
  ;; pseudo-random sequence stored to memory): an empty `(loop (br 0))`
  ;; compiled with --fuel is folded at -O2 into its outcome, an immediate
  ;; "all fuel consumed" with the same fuel left as at -O0, and leaves no
  ;; loop for an epoch check.
  (func (export "spin")
    (local $x i32)
    (loop $l
      (local.set $x (i32.add (i32.mul (local.get $x) (i32.const 1103515245))
                             (i32.const 12345)))
      (i32.store (i32.const 8) (local.get $x))
      (br $l)))
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
    (i32.load (i32.const 0)))
  ;; wasi-libc's memcmp loop, which -O2 puts a vector search in front of
  ;; (transform/ScanVectorization.cpp): the fuel counter is one more
  ;; induction variable there, and running out of fuel one more exit.
  (func (export "compare") (param $l i32) (param $r i32) (param $n i32)
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
    (local.get $n)))
