;; The cases of the differential fuzzer (scripts/fuzz-diff.sh) that found
;; guard mode losing writes before a trap (issue 14), minimised by
;; wasm-reduce: in each, a store or a global.set executed before an access
;; that traps must be visible after the trap. At -O2 with guard bounds
;; checks LLVM deleted the store (overwritten later), moved the global.set
;; past the faulting access, or stored the loop's final value of a global.
;; Each module is the minimised one plus exports to read its state.

;; A global set, a store that faults, the global set again: it is 7.
(module
  (memory 1 2)
  (global $g (export "g") (mut i32) (i32.const 0))
  (func (export "sandwich") (param i32 i32) (result i32)
    (global.set $g (i32.const 7))
    (i32.store8 offset=16 (local.get 1) (i32.const 90))
    (global.set $g (i32.const 9))
    (i32.const 1)))
(assert_return (invoke "sandwich" (i32.const 0x5e7) (i32.const 0xfb8f))
               (i32.const 1))
(assert_return (get "g") (i32.const 9))
(assert_trap (invoke "sandwich" (i32.const 0x353) (i32.const 0xfff3))
             "out of bounds memory access")
(assert_return (get "g") (i32.const 7))
(assert_trap (invoke "sandwich" (i32.const 0x31b) (i32.const -1))
             "out of bounds memory access")
(assert_return (get "g") (i32.const 7))

;; In a loop, a global set and then a v128.load that faults: it is 1.
(module
  (memory 1 1)
  (global $g (export "g") (mut i64) (i64.const 0))
  (func (export "copy") (param i32 i32 i32) (result i32)
    (loop $l
      (if (local.get 2)
        (then
          (global.set $g (i64.const 1))
          (v128.store (i32.add (i32.const 1) (local.tee 2 (i32.const 0)))
            (v128.load offset=255 (i32.add (local.get 1) (local.get 2))))
          (br $l))))
    (local.get 2)))
(assert_trap (invoke "copy" (i32.const 0) (i32.const -4) (i32.const 1000))
             "out of bounds memory access")
(assert_return (get "g") (i64.const 1))

;; 300 stores of a word, 4 bytes apart, from 65535 past q: the ones inside
;; memory are all done before the first that faults (vectorised or
;; unrolled, they went in groups and the group that faults stored nothing).
(module
  (memory 2 2)
  (func (export "fill") (param i32 i32) (result i32)
    (local i32)
    (loop $l
      (if (i32.lt_u (local.get 2) (i32.const 300))
        (then
          (i64.store32 offset=65535 (local.get 1) (i64.const 0x5a5a5a5a))
          (local.set 1 (i32.add (local.get 1) (i32.const 4)))
          (local.set 2 (i32.add (local.get 2) (i32.const 1)))
          (br $l))))
    (i32.const 1))
  (func (export "load") (param i32) (result i32)
    (i32.load (local.get 0))))
(assert_trap (invoke "fill" (i32.const 0x260) (i32.const -1))
             "out of bounds memory access")
(assert_return (invoke "load" (i32.const 0x1fffc)) (i32.const 0))
;; 0xfe05 + 65535 = 0x1fe04: 127 words fit below 0x20000.
(assert_trap (invoke "fill" (i32.const 0x4ad) (i32.const 0xfe05))
             "out of bounds memory access")
(assert_return (invoke "load" (i32.const 0x1fe00)) (i32.const 0))
(assert_return (invoke "load" (i32.const 0x1fe04)) (i32.const 0x5a5a5a5a))
(assert_return (invoke "load" (i32.const 0x1fff4)) (i32.const 0x5a5a5a5a))
(assert_return (invoke "load" (i32.const 0x1fff8)) (i32.const 0x5a5a5a5a))
(assert_return (invoke "load" (i32.const 0x1fffc)) (i32.const 0x5a5a5a5a))

;; A store, a loop whose first store faults, the same address stored
;; again: the first store is in memory after the trap.
(module
  (memory 1 2)
  (func (export "sandwich") (param i32 i32) (result i32)
    (local i32)
    (i64.store (local.get 0) (i64.const 0x11223344))
    (loop $l
      (if (i32.lt_u (local.get 2) (i32.const 300))
        (then
          (i32.store (i32.const 65536) (i32.const 0))
          (local.set 2 (i32.add (local.get 2) (i32.const 1)))
          (br $l))))
    (i64.store (local.get 0) (i64.const 0x55667788))
    (i32.const 1))
  (func (export "load") (param i32) (result i64)
    (i64.load (local.get 0))))
(assert_trap (invoke "sandwich" (i32.const 0x6a2) (i32.const 0))
             "out of bounds memory access")
(assert_return (invoke "load" (i32.const 0x6a2)) (i64.const 0x11223344))

;; Binaryen's hang-limit pattern: a loop that counts a global down from
;; 10 and stores out of bounds. The trap comes in the first iteration,
;; after the global became 9.
(module
  (memory 16 17)
  (global $g (export "g") (mut i32) (i32.const 10))
  (func (export "hashMemory") (result i32)
    (loop $l
      (if (global.get $g)
        (then
          (global.set $g (i32.sub (global.get $g) (i32.const 1)))
          (f32.store offset=22 (i32.const -6305) (f32.const -86))
          (br $l))))
    (i32.const 0)))
(assert_trap (invoke "hashMemory") "out of bounds memory access")
(assert_return (get "g") (i32.const 9))
