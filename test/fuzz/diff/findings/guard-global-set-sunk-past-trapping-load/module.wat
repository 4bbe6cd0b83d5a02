(module
  (type (;0;) (func (param i32 i32 i32) (result i32)))
  (func (;0;) (type 0) (param i32 i32 i32) (result i32)
    (loop  ;; label = @1
      (if  ;; label = @2
        (local.get 2)
        (then
          (global.set 0
            (i64.const 1))
          (v128.store
            (i32.add
              (i32.const 1)
              (local.tee 2
                (i32.const 0)))
            (v128.load offset=255
              (i32.add
                (local.get 1)
                (local.get 2))))
          (br 1 (;@1;)))))
    (local.get 2))
  (memory (;0;) 1 1)
  (global (;0;) (mut i64) (i64.const 0))
  (export "copy3" (func 0)))
