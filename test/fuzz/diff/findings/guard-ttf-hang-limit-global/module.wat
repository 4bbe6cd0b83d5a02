(module
  (type (;0;) (func (result i32)))
  (func (;0;) (type 0) (result i32)
    (loop  ;; label = @1
      (if  ;; label = @2
        (global.get 0)
        (then
          (global.set 0
            (i32.sub
              (global.get 0)
              (i32.const 1)))
          (f32.store offset=22
            (i32.const -6305)
            (f32.const -0x1.58p+6 (;=-86;)))
          (br 1 (;@1;)))))
    (i32.const 0))
  (memory (;0;) 16 17)
  (global (;0;) (mut i32) (i32.const 10))
  (export "hashMemory" (func 0)))
