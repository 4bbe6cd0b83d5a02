;; HostTableTest.cpp: a module that calls through its table and imports
;; nothing, so only its call_indirect gives it a host trampoline for $t.
(module
  (type $t (func (param i32) (result i32)))
  (type $unused (func (param i64 f32) (result f64)))
  (table (export "tab") 1 funcref)
  (func (export "call") (param i32) (result i32)
    (call_indirect (type $t) (local.get 0) (i32.const 0))))
