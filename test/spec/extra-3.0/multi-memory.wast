;; Multiple memories where one memory's state could leak into another's:
;; each access is checked against its own memory's size (a small memory 1
;; next to a large memory 0), a store to one memory stays done when an
;; access to another traps right after it (guard mode's checks of memory 1
;; are its own guard pages: compiler/lower/EmitMemory.cpp), memory.copy
;; between an i32 and an i64 memory takes the narrower length type and
;; checks both ranges before copying, and memory.grow, memory.size, data
;; segments and memory.init name their memory.
(module
  (memory $big 4)
  (memory $small 1 2)
  (memory $wide i64 1)
  (data (memory $small) (i32.const 0xfff0) "\01\02\03\04")
  (data $seg "\aa\bb\cc\dd")
  (func (export "load_big") (param i32) (result i32)
    (i32.load8_u $big (local.get 0)))
  (func (export "load_small") (param i32) (result i32)
    (i32.load8_u $small (local.get 0)))
  (func (export "load_small32") (param i32) (result i32)
    (i32.load $small offset=0xfff0 (local.get 0)))
  (func (export "load_wide") (param i64) (result i32)
    (i32.load8_u $wide (local.get 0)))
  ;; Stores 7 to byte 100 of memory 0, then reads memory 1 at addr.
  (func (export "store_big_load_small") (param i32) (result i32)
    (i32.store8 $big (i32.const 100) (i32.const 7))
    (i32.load8_u $small (local.get 0)))
  ;; The same with a store to memory 1 and a load of memory 0.
  (func (export "store_small_load_big") (param i32) (result i32)
    (i32.store8 $small (i32.const 200) (i32.const 9))
    (i32.load8_u $big (local.get 0)))
  (func (export "grow_small") (param i32) (result i32)
    (memory.grow $small (local.get 0)))
  (func (export "size_big") (result i32) (memory.size $big))
  (func (export "size_small") (result i32) (memory.size $small))
  (func (export "size_wide") (result i64) (memory.size $wide))
  ;; i64 destination, i32 source: the length is i32.
  (func (export "copy_small_to_wide") (param i64 i32 i32)
    (memory.copy $wide $small (local.get 0) (local.get 1) (local.get 2)))
  (func (export "copy_big_to_small") (param i32 i32 i32)
    (memory.copy $small $big (local.get 0) (local.get 1) (local.get 2)))
  (func (export "fill_small") (param i32 i32 i32)
    (memory.fill $small (local.get 0) (local.get 1) (local.get 2)))
  (func (export "init_wide") (param i64 i32 i32)
    (memory.init $wide $seg (local.get 0) (local.get 1) (local.get 2)))
)

(assert_return (invoke "size_big") (i32.const 4))
(assert_return (invoke "size_small") (i32.const 1))
(assert_return (invoke "size_wide") (i64.const 1))
(assert_return (invoke "load_small" (i32.const 0xfff1)) (i32.const 2))
(assert_return (invoke "load_big" (i32.const 0xfff1)) (i32.const 0))
(assert_return (invoke "load_small32" (i32.const 0)) (i32.const 0x04030201))
;; In bounds of memory 0 (4 pages), out of bounds of memory 1 (1 page).
(assert_return (invoke "load_big" (i32.const 0x10000)) (i32.const 0))
(assert_trap (invoke "load_small" (i32.const 0x10000)) "out of bounds memory access")
(assert_trap (invoke "load_small32" (i32.const 0xd)) "out of bounds memory access")
(assert_trap (invoke "load_wide" (i64.const 0x1_0000)) "out of bounds memory access")

;; The store to memory 0 happened before memory 1's access trapped.
(assert_trap (invoke "store_big_load_small" (i32.const 0x10000)) "out of bounds memory access")
(assert_return (invoke "load_big" (i32.const 100)) (i32.const 7))
(assert_trap (invoke "store_small_load_big" (i32.const 0x40000)) "out of bounds memory access")
(assert_return (invoke "load_small" (i32.const 200)) (i32.const 9))

;; Growing memory 1 changes its size and bounds only.
(assert_return (invoke "grow_small" (i32.const 1)) (i32.const 1))
(assert_return (invoke "grow_small" (i32.const 1)) (i32.const -1))
(assert_return (invoke "size_small") (i32.const 2))
(assert_return (invoke "size_big") (i32.const 4))
(assert_return (invoke "load_small" (i32.const 0x1ffff)) (i32.const 0))
(assert_trap (invoke "load_small" (i32.const 0x20000)) "out of bounds memory access")

;; memory.copy between memories: both ranges checked before any byte moves.
(invoke "copy_small_to_wide" (i64.const 8) (i32.const 0xfff0) (i32.const 4))
(assert_return (invoke "load_wide" (i64.const 9)) (i32.const 2))
(assert_trap (invoke "copy_small_to_wide" (i64.const 0xfffe) (i32.const 0xfff0) (i32.const 4))
             "out of bounds memory access")
(assert_return (invoke "load_wide" (i64.const 0xfffe)) (i32.const 0))
(assert_trap (invoke "copy_small_to_wide" (i64.const 0x1_0000_0000) (i32.const 0xfff0) (i32.const 1))
             "out of bounds memory access")
(assert_trap (invoke "copy_big_to_small" (i32.const 0) (i32.const 0x3ffff) (i32.const 2))
             "out of bounds memory access")
(assert_return (invoke "load_small" (i32.const 0)) (i32.const 0))
(invoke "copy_big_to_small" (i32.const 0) (i32.const 99) (i32.const 3))
(assert_return (invoke "load_small" (i32.const 1)) (i32.const 7))
(invoke "fill_small" (i32.const 0x1fffe) (i32.const 5) (i32.const 2))
(assert_return (invoke "load_small" (i32.const 0x1ffff)) (i32.const 5))
(assert_trap (invoke "fill_small" (i32.const 0x1ffff) (i32.const 5) (i32.const 2))
             "out of bounds memory access")

;; memory.init into memory 2.
(invoke "init_wide" (i64.const 0x20) (i32.const 1) (i32.const 3))
(assert_return (invoke "load_wide" (i64.const 0x20)) (i32.const 0xbb))
(assert_return (invoke "load_wide" (i64.const 0x22)) (i32.const 0xdd))
(assert_trap (invoke "init_wide" (i64.const 0xffff) (i32.const 0) (i32.const 2))
             "out of bounds memory access")

;; A memory imported beside a defined one: the data segment for memory 1
;; lands in the importer's own memory, and the exporter sees the one for
;; memory 0, the import.
(module $exporter
  (memory (export "mem") 1)
  (func (export "peek") (param i32) (result i32) (i32.load8_u (local.get 0))))
(register "exporter" $exporter)
(module
  (import "exporter" "mem" (memory $imp 1))
  (memory $own 1)
  (data (memory $imp) (i32.const 5) "\33")
  (data (memory $own) (i32.const 5) "\44")
  (func (export "own") (param i32) (result i32) (i32.load8_u $own (local.get 0)))
  (func (export "imp") (param i32) (result i32) (i32.load8_u $imp (local.get 0))))
(assert_return (invoke "own" (i32.const 5)) (i32.const 0x44))
(assert_return (invoke "imp" (i32.const 5)) (i32.const 0x33))
(assert_return (invoke $exporter "peek" (i32.const 5)) (i32.const 0x33))

;; Without the multi-memory feature a memory index is a malformed zero
;; byte; with it, flags of 128 or more are malformed.
(assert_malformed
  (module binary
    "\00asm" "\01\00\00\00"
    "\01\05\01\60\00\01\7f"          ;; type: [] -> [i32]
    "\03\02\01\00"                    ;; func
    "\05\05\02\00\01\00\01"           ;; two memories
    "\0a\0a\01\08\00\41\00\28\80\01\00\0b" ;; i32.load flags=0x80
  )
  "malformed memop flags")
