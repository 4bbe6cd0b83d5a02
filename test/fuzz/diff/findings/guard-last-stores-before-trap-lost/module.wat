(module
  (type (;0;) (func (param i32 i32) (result i32)))
  (func (;0;) (type 0) (param i32 i32) (result i32)
    (local i32)
    (loop  ;; label = @1
      (if  ;; label = @2
        (i32.lt_u
          (local.get 2)
          (i32.const 300))
        (then
          (i64.store32 offset=65535
            (local.get 1)
            (i64.const 1515870810))
          (local.set 1
            (i32.add
              (local.get 1)
              (i32.const 4)))
          (local.set 2
            (i32.add
              (local.get 2)
              (i32.const 1)))
          (br 1 (;@1;)))))
    (i32.const 1))
  (memory (;0;) 2 2)
  (export "sandwich1" (func 0)))
