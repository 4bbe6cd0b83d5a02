;; The bundled example: a module that computes factorials and sums an array
;; in its linear memory. `scripts/setup.sh` converts it with wat2wasm and
;; validates and compiles it.
(module
  (memory (export "memory") 1)
  (data (i32.const 0) "\01\00\00\00\02\00\00\00\03\00\00\00\04\00\00\00")

  (func $fac (export "fac") (param $n i64) (result i64)
    (if (result i64) (i64.le_u (local.get $n) (i64.const 1))
      (then (i64.const 1))
      (else (i64.mul (local.get $n)
                     (call $fac (i64.sub (local.get $n) (i64.const 1)))))))

  ;; Sum of the $count i32 values at $ptr.
  (func $sum (export "sum") (param $ptr i32) (param $count i32) (result i32)
    (local $acc i32)
    (block $done
      (loop $next
        (br_if $done (i32.eqz (local.get $count)))
        (local.set $acc (i32.add (local.get $acc) (i32.load (local.get $ptr))))
        (local.set $ptr (i32.add (local.get $ptr) (i32.const 4)))
        (local.set $count (i32.sub (local.get $count) (i32.const 1)))
        (br $next)))
    (local.get $acc)))
