(module
  (type (;0;) (func (param i32 i32) (result i32)))
  (func (;0;) (type 0) (param i32 i32) (result i32)
    (global.set 0
      (i32.const 7))
    (i32.store8 offset=16
      (local.get 1)
      (i32.const 90))
    (global.set 0
      (i32.const 9))
    (i32.const 1))
  (memory (;0;) 1 2)
  (global (;0;) (mut i32) (i32.const 0))
  (export "sandwich3" (func 0)))
