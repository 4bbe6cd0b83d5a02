;; Extended constant expressions (WebAssembly 3.0): i32/i64 add, sub and
;; mul over constants and global.get of imported immutable globals, in
;; global initialisers, data segment offsets and element segment offsets.
;; The arithmetic wraps; offsets are unsigned. Expressions without
;; global.get and with it take the same path: the compiler emits the steps
;; (compiler/lower/Descriptor.cpp) and the runtime runs them at
;; instantiation (runtime-support/src/Store.cpp, evalConst). spectest's
;; global_i32 and global_i64 are 666.

(module
  (global $gi (import "spectest" "global_i32") i32)
  (global $gl (import "spectest" "global_i64") i64)
  (global $a i32 (i32.add (i32.const 1) (i32.const 2)))
  (global $b i32 (i32.sub (i32.const 0) (i32.const 1)))
  (global $c i32 (i32.mul (i32.const 0x10000) (i32.const 0x10000)))
  (global $d i32 (i32.add (i32.const 0x7fffffff) (i32.const 1)))
  (global $e i32 (i32.mul (global.get $gi) (i32.sub (global.get $gi) (i32.const 660))))
  (global $f i32 (i32.sub (global.get $gi) (i32.const 1000)))
  (global $g i32 (i32.mul (global.get $gi) (i32.const 0x1000000)))
  (global $h i32 (i32.add (i32.mul (i32.const 3) (i32.const 4))
                          (i32.sub (i32.const 10) (i32.const 2))))
  (global $i i64 (i64.add (i64.const 0x7fffffffffffffff) (i64.const 1)))
  (global $j i64 (i64.mul (global.get $gl) (i64.const 0x100000000)))
  (global $k i64 (i64.sub (i64.const 0) (global.get $gl)))
  (global $l i64 (i64.mul (i64.const 0x100000001) (i64.const 0x100000001)))
  (global $m i64 (i64.sub (i64.mul (global.get $gl) (global.get $gl))
                          (i64.add (global.get $gl) (i64.const 1))))
  (global $n i32 (i32.add (i32.const 5) (i32.const 6)))
  (global $o (mut i64) (i64.sub (i64.const 1) (i64.const 2)))
  (func (export "a") (result i32) (global.get $a))
  (func (export "b") (result i32) (global.get $b))
  (func (export "c") (result i32) (global.get $c))
  (func (export "d") (result i32) (global.get $d))
  (func (export "e") (result i32) (global.get $e))
  (func (export "f") (result i32) (global.get $f))
  (func (export "g") (result i32) (global.get $g))
  (func (export "h") (result i32) (global.get $h))
  (func (export "i") (result i64) (global.get $i))
  (func (export "j") (result i64) (global.get $j))
  (func (export "k") (result i64) (global.get $k))
  (func (export "l") (result i64) (global.get $l))
  (func (export "m") (result i64) (global.get $m))
  ;; The upper half of an i32 global's 64-bit slot stays zero.
  (func (export "n") (result i64) (i64.extend_i32_u (global.get $n)))
  (func (export "o") (result i64) (global.get $o))
)

(assert_return (invoke "a") (i32.const 3))
(assert_return (invoke "b") (i32.const -1))
(assert_return (invoke "c") (i32.const 0))
(assert_return (invoke "d") (i32.const 0x80000000))
(assert_return (invoke "e") (i32.const 3996))
(assert_return (invoke "f") (i32.const -334))
(assert_return (invoke "g") (i32.const 0x9a000000))
(assert_return (invoke "h") (i32.const 20))
(assert_return (invoke "i") (i64.const 0x8000000000000000))
(assert_return (invoke "j") (i64.const 0x29a00000000))
(assert_return (invoke "k") (i64.const -666))
(assert_return (invoke "l") (i64.const 0x200000001))
(assert_return (invoke "m") (i64.const 442889))
(assert_return (invoke "n") (i64.const 11))
(assert_return (invoke "o") (i64.const -1))

;; Data segment offsets.
(module
  (global $gi (import "spectest" "global_i32") i32)
  (memory 1)
  (data (i32.add (i32.const 100) (i32.const 4)) "ab")
  (data (i32.sub (global.get $gi) (i32.const 600)) "cd")
  (data (i32.mul (i32.const 8) (i32.const 25)) "e")
  (data (i32.add (i32.const 0xffffffff) (i32.const 301)) "f")
  (data (i32.sub (i32.mul (global.get $gi) (i32.const 10)) (global.get $gi)) "g")
  (func (export "load8") (param i32) (result i32) (i32.load8_u (local.get 0)))
)

(assert_return (invoke "load8" (i32.const 104)) (i32.const 97))
(assert_return (invoke "load8" (i32.const 105)) (i32.const 98))
(assert_return (invoke "load8" (i32.const 66)) (i32.const 99))
(assert_return (invoke "load8" (i32.const 67)) (i32.const 100))
(assert_return (invoke "load8" (i32.const 200)) (i32.const 101))
(assert_return (invoke "load8" (i32.const 300)) (i32.const 102))
(assert_return (invoke "load8" (i32.const 5994)) (i32.const 103))
(assert_return (invoke "load8" (i32.const 299)) (i32.const 0))

;; Offsets are unsigned: 0x80000000 is past the end, not negative.
(assert_trap
  (module
    (memory 1)
    (data (i32.add (i32.const 0x7fffffff) (i32.const 1)) "x"))
  "out of bounds memory access")
(assert_trap
  (module
    (memory 1)
    (data (i32.mul (i32.const 0x10000) (i32.const 2)) "x"))
  "out of bounds memory access")
(assert_trap
  (module
    (global $gi (import "spectest" "global_i32") i32)
    (memory 1)
    (data (i32.mul (global.get $gi) (i32.const 100)) "x"))
  "out of bounds memory access")

;; Element segment offsets.
(module
  (global $gi (import "spectest" "global_i32") i32)
  (type $t (func (result i32)))
  (table 10 funcref)
  (func $f1 (result i32) (i32.const 1))
  (func $f2 (result i32) (i32.const 2))
  (func $f3 (result i32) (i32.const 3))
  (elem (i32.add (i32.const 1) (i32.const 2)) $f1)
  (elem (i32.sub (global.get $gi) (i32.const 661)) $f2)
  (elem (i32.mul (i32.const 0x10000) (i32.const 0x10000)) $f3)
  (elem (table 0) (i32.sub (i32.const 9) (i32.const 1)) funcref (ref.func $f2) (ref.null func))
  (func (export "call") (param i32) (result i32)
    (call_indirect (type $t) (local.get 0)))
)

(assert_return (invoke "call" (i32.const 3)) (i32.const 1))
(assert_return (invoke "call" (i32.const 5)) (i32.const 2))
(assert_return (invoke "call" (i32.const 0)) (i32.const 3))
(assert_return (invoke "call" (i32.const 8)) (i32.const 2))
(assert_trap (invoke "call" (i32.const 9)) "uninitialized element")
(assert_trap (invoke "call" (i32.const 1)) "uninitialized element")

(assert_trap
  (module
    (table 1 funcref)
    (func $f)
    (elem (i32.sub (i32.const 0) (i32.const 1)) $f))
  "out of bounds table access")
(assert_trap
  (module
    (global $gi (import "spectest" "global_i32") i32)
    (table 1 funcref)
    (func $f)
    (elem (i32.sub (global.get $gi) (i32.const 665)) $f))
  "out of bounds table access")

;; Invalid: operand types, operand count, instructions that are not
;; constant, mutable globals and globals that are not imported.
(assert_invalid
  (module (global i32 (i32.add (i32.const 1) (i64.const 2))))
  "type mismatch")
(assert_invalid
  (module (global i64 (i32.add (i32.const 1) (i32.const 2))))
  "type mismatch")
(assert_invalid
  (module (global i64 (i64.mul (i64.const 1) (i32.const 2))))
  "type mismatch")
(assert_invalid
  (module (global i32 (i32.sub (i32.const 1))))
  "type mismatch")
(assert_invalid
  (module (global i32 (i32.const 1) (i32.const 2) (i32.add) (i32.const 3)))
  "type mismatch")
(assert_invalid
  (module (global i32 (i32.div_s (i32.const 1) (i32.const 1))))
  "constant expression required")
(assert_invalid
  (module (global i32 (i32.and (i32.const 1) (i32.const 1))))
  "constant expression required")
(assert_invalid
  (module (global i64 (i64.shl (i64.const 1) (i64.const 1))))
  "constant expression required")
(assert_invalid
  (module (global f32 (f32.add (f32.const 1) (f32.const 2))))
  "constant expression required")
(assert_invalid
  (module
    (global $g (import "test" "g") (mut i32))
    (global i32 (i32.add (global.get $g) (i32.const 1))))
  "constant expression required")
;; WebAssembly 3.0: an initialiser may read an earlier defined immutable
;; global (2.0, and --wasm-features=2.0, allow imported globals only).
(module
  (global $a i32 (i32.const 1))
  (global (export "b") i32 (i32.add (global.get $a) (i32.const 1)))
  (memory 1)
  (data (global.get $a) "\2a")
  (func (export "byte") (param i32) (result i32) (i32.load8_u (local.get 0))))
(assert_return (get "b") (i32.const 2))
(assert_return (invoke "byte" (i32.const 1)) (i32.const 42))
(assert_invalid
  (module
    (global i32 (i32.add (global.get 1) (i32.const 1)))
    (global i32 (i32.const 0)))
  "unknown global")
(assert_invalid
  (module (memory 1) (data (i64.add (i64.const 0) (i64.const 0)) "x"))
  "type mismatch")
(assert_invalid
  (module (memory 1) (data (i32.add (i32.const 0) (i32.eqz (i32.const 0))) "x"))
  "constant expression required")
(assert_invalid
  (module
    (table 1 funcref)
    (func $f)
    (elem (offset (i32.const 0) (i32.const 0) (i32.mul)
                  (i32.const 0)) $f))
  "type mismatch")
(assert_invalid
  (module
    (table 1 funcref)
    (func $f)
    (elem (i64.sub (i64.const 0) (i64.const 0)) $f))
  "type mismatch")
