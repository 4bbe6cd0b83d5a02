(module
  (type (;0;) (func (param i32 i32) (result i32)))
  (func (;0;) (type 0) (param i32 i32) (result i32)
    (local i32)
    (i64.store
      (local.get 0)
      (i64.const 287454020))
    (loop  ;; label = @1
      (if  ;; label = @2
        (i32.lt_u
          (local.get 2)
          (i32.const 300))
        (then
          (i32.store
            (i32.const 65536)
            (i32.const 0))
          (local.set 2
            (i32.add
              (local.get 2)
              (i32.const 1)))
          (br 1 (;@1;)))))
    (i64.store
      (local.get 0)
      (i64.const 1432778632))
    (i32.const 1))
  (memory (;0;) 1 2)
  (export "sandwich1" (func 0)))
