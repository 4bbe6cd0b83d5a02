;; memory64-one-compare.test: an i32 load at offset 8 from an i64 address.
(module
  (memory i64 1)
  (func (export "load") (param i64) (result i32)
    (i32.load offset=8 (local.get 0))))
