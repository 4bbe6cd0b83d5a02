(module
  (func $target (param i32 f64) (result i64)
    (i64.trunc_f64_s (local.get 1)))
  ;; A tail call to a function of another signature.
  (func (export "tail") (param i64) (result i64)
    (return_call $target (i32.wrap_i64 (local.get 0)) (f64.const 1)))
  ;; A tail call and, in the same function, an ordinary call in tail
  ;; position: only the first may become a jump.
  (func (export "both") (param i32) (result i64)
    (if (local.get 0)
      (then (return_call $target (local.get 0) (f64.const 2))))
    (call $target (i32.const 0) (f64.const 3)))
)
