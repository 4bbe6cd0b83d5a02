(module
  (memory 1)
  (func $add (export "add") (param v128 v128) (result v128)
    (i32x4.add (local.get 0) (local.get 1)))
  (func $interleave (export "interleave") (param v128 v128) (result v128)
    (i8x16.shuffle 0 16 1 17 2 18 3 19 4 20 5 21 6 22 7 23 (local.get 0) (local.get 1)))
  (func $reverse (export "reverse") (param v128) (result v128)
    (i8x16.shuffle 15 14 13 12 11 10 9 8 7 6 5 4 3 2 1 0 (local.get 0) (local.get 0)))
  ;; out[i] = a[i] * b[i] + c[i] over n groups of 4 floats
  (func $fma_loop (export "fma_loop") (param $a i32) (param $b i32) (param $c i32) (param $n i32)
    (local $acc v128)
    (block $done
      (loop $l
        (br_if $done (i32.eqz (local.get $n)))
        (v128.store (local.get $c)
          (f32x4.add (v128.load (local.get $c))
                     (f32x4.mul (v128.load (local.get $a)) (v128.load (local.get $b)))))
        (local.set $a (i32.add (local.get $a) (i32.const 16)))
        (local.set $b (i32.add (local.get $b) (i32.const 16)))
        (local.set $c (i32.add (local.get $c) (i32.const 16)))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $l))))
)
