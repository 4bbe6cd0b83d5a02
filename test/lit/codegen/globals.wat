;; global.get and global.set (compiler/lower/EmitReference.cpp) and the
;; global descriptors (lower/Descriptor.cpp). vmctx->globals[i], at
;; globals_offset (64, right after the header) + 8 i, points to the
;; global's storage, a 16-byte w2n_val (abi.h): in this instance for a
;; defined global, in the exporter's for an imported one, so that both are
;; read and written the same way, through the pointer. The pointer never
;; changes (!invariant.load); the value does, so it is loaded (aligned 8,
;; v128 too) at each global.get and stored at each global.set, and -O2 may
;; not reuse a load across a call (the callee can set the global).
;; The descriptor gives each global { type, mutable } and, if defined, its
;; initialiser { kind, type, index, value }.
;; Breakage caught: a wrong index or globals_offset (imported globals come
;; first), an imported global read from a local copy instead of through
;; the pointer, a set that writes the pointer slot instead of the storage,
;; a get and set reordered, a value load marked invariant or hoisted over
;; a call, a wrong type or alignment, a wrong mutability, a global.get
;; initialiser that lost its index, a v128 initialiser with its halves
;; swapped.
;; RUN: %wat2wasm --debug-names %s -o %t.wasm
;; RUN: wasm2native compile -O2 --emit=llvm %t.wasm -o - \
;; RUN:   --mllvm=-wasm2native-force-tier=baseline | FileCheck %s
;; RUN: wasm2native compile -O2 --emit=llvm %t.wasm -o - \
;; RUN:   | FileCheck %s --check-prefix=OPT

;; Imports: kind 3 (global), index 0 and 1 in the global index space.
;; CHECK: @imports = {{.*}} { ptr {{.*}}, ptr {{.*}}, i8 0, i32 0, {{.*}} }, {{.*}} { ptr {{.*}}, ptr {{.*}}, i8 3, i32 0, {{.*}} }, {{.*}} { ptr {{.*}}, ptr {{.*}}, i8 3, i32 1, {{.*}} }]
;; Types 0x7e i64, 0x7d f32, 0x7f i32, 0x7b v128; initialiser kinds 0
;; (value) and 3 (global.get, index 0). An i32 value fills the low 4
;; bytes of the 16 (-5 is 0xfffffffb), v128 the two halves in order.
;; CHECK: @globals = private constant [6 x { { i8, i8 }, { i8, i8, i32, [2 x i64] } }] [
;; CHECK-SAME: { i8 126, i8 0 }, { i8, i8, i32, [2 x i64] } zeroinitializer }
;; CHECK-SAME: { i8 125, i8 1 }, { i8, i8, i32, [2 x i64] } zeroinitializer }
;; CHECK-SAME: { i8 127, i8 0 }, { i8, i8, i32, [2 x i64] } { i8 0, i8 127, i32 0, [2 x i64] [i64 7, i64 0] } }
;; CHECK-SAME: { i8 127, i8 1 }, { i8, i8, i32, [2 x i64] } { i8 0, i8 127, i32 0, [2 x i64] [i64 4294967291, i64 0] } }
;; CHECK-SAME: { i8 126, i8 0 }, { i8, i8, i32, [2 x i64] } { i8 3, i8 126, i32 0, [2 x i64] zeroinitializer } }
;; CHECK-SAME: { i8 123, i8 1 }, { i8, i8, i32, [2 x i64] } { i8 0, i8 123, i32 0, [2 x i64] [i64 1, i64 2] } }]

;; CHECK-LABEL: define {{.*}} i64 @"wasm:get_imported"(ptr %vmctx)
;; CHECK-NEXT: entry:
;; CHECK-NEXT: [[P:%[0-9]+]] = getelementptr i8, ptr %vmctx, i64 64
;; CHECK-NEXT: [[G:%[a-z0-9_.]+]] = load ptr, ptr [[P]], align 8, {{.*}}!invariant.load
;; CHECK-NEXT: [[V:%[0-9]+]] = load i64, ptr [[G]], align 8
;; CHECK-NOT: invariant.load
;; CHECK: ret i64

;; CHECK-LABEL: define {{.*}} i32 @"wasm:get_immutable"(ptr %vmctx)
;; CHECK-NEXT: entry:
;; CHECK-NEXT: [[P:%[0-9]+]] = getelementptr i8, ptr %vmctx, i64 80
;; CHECK-NEXT: [[G:%[a-z0-9_.]+]] = load ptr, ptr [[P]], align 8, {{.*}}!invariant.load
;; CHECK-NEXT: load i32, ptr [[G]], align 8

;; CHECK-LABEL: define {{.*}} i64 @"wasm:get_copy"(ptr %vmctx)
;; CHECK-NEXT: entry:
;; CHECK-NEXT: [[P:%[0-9]+]] = getelementptr i8, ptr %vmctx, i64 96
;; CHECK-NEXT: [[G:%[a-z0-9_.]+]] = load ptr, ptr [[P]], align 8, {{.*}}!invariant.load
;; CHECK-NEXT: load i64, ptr [[G]], align 8

;; CHECK-LABEL: define {{.*}} void @"wasm:set_mutable"(ptr %vmctx, i32 %0)
;; CHECK-NEXT: entry:
;; CHECK-NEXT: [[P:%[0-9]+]] = getelementptr i8, ptr %vmctx, i64 88
;; CHECK-NEXT: [[G:%[a-z0-9_.]+]] = load ptr, ptr [[P]], align 8, {{.*}}!invariant.load
;; CHECK-NEXT: store i32 %0, ptr [[G]], align 8

;; CHECK-LABEL: define {{.*}} void @"wasm:set_imported"(ptr %vmctx, float %0)
;; CHECK-NEXT: entry:
;; CHECK-NEXT: [[P:%[0-9]+]] = getelementptr i8, ptr %vmctx, i64 72
;; CHECK-NEXT: [[G:%[a-z0-9_.]+]] = load ptr, ptr [[P]], align 8, {{.*}}!invariant.load
;; CHECK-NEXT: store float %0, ptr [[G]], align 8

;; Get, then set: the old value is returned.
;; CHECK-LABEL: define {{.*}} <16 x i8> @"wasm:swap_v128"(ptr %vmctx, <16 x i8> %0)
;; CHECK-NEXT: entry:
;; CHECK-NEXT: [[P:%[0-9]+]] = getelementptr i8, ptr %vmctx, i64 104
;; CHECK-NEXT: [[G:%[a-z0-9_.]+]] = load ptr, ptr [[P]],
;; CHECK-NEXT: [[OLD:%[0-9]+]] = load <16 x i8>, ptr [[G]], align 8
;; CHECK-NEXT: [[P2:%[0-9]+]] = getelementptr i8, ptr %vmctx, i64 104
;; CHECK-NEXT: [[G2:%[a-z0-9_.]+]] = load ptr, ptr [[P2]],
;; CHECK-NEXT: store <16 x i8> %0, ptr [[G2]], align 8
;; CHECK: phi <16 x i8> [ [[OLD]], %entry ]

;; A call may set any mutable global: -O2 reloads the value after it.
;; OPT-LABEL: define {{.*}} i32 @"wasm:around_call"(
;; OPT: [[G:%[a-z0-9_.]+]] = load ptr, ptr {{%[0-9]+}}, align 8, {{.*}}!invariant.load
;; OPT-NEXT: [[A:%[0-9]+]] = load i32, ptr [[G]], align 8
;; OPT: call void %code(
;; OPT-NEXT: [[B:%[0-9]+]] = load i32, ptr [[G]], align 8
;; OPT-NEXT: add i32 [[B]], [[A]]{{$}}
;; OPT-LABEL: define {{.*}} float @"wasm:imported_around_call"(
;; OPT: [[G:%[a-z0-9_.]+]] = load ptr, ptr {{%[0-9]+}}, align 8, {{.*}}!invariant.load
;; OPT-NEXT: [[A:%[0-9]+]] = load float, ptr [[G]], align 8
;; OPT: call void %code(
;; OPT-NEXT: [[B:%[0-9]+]] = load float, ptr [[G]], align 8
;; OPT-NEXT: fadd float [[A]], [[B]]{{$}}

(module
  (import "env" "f" (func $f))
  (import "env" "imm" (global $imm i64))
  (import "env" "mut" (global $imut (mut f32)))
  (global $c i32 (i32.const 7))
  (global $m (mut i32) (i32.const -5))
  (global $copy i64 (global.get $imm))
  (global $v (mut v128) (v128.const i64x2 1 2))
  (func $get_imported (export "get_imported") (result i64)
    (global.get $imm))
  (func $get_immutable (export "get_immutable") (result i32)
    (global.get $c))
  (func $get_copy (export "get_copy") (result i64)
    (global.get $copy))
  (func $set_mutable (export "set_mutable") (param i32)
    (global.set $m (local.get 0)))
  (func $set_imported (export "set_imported") (param f32)
    (global.set $imut (local.get 0)))
  (func $swap_v128 (export "swap_v128") (param v128) (result v128)
    (global.get $v)
    (global.set $v (local.get 0)))
  (func $around_call (export "around_call") (result i32)
    (global.get $m)
    (call $f)
    (global.get $m)
    (i32.add))
  (func $imported_around_call (export "imported_around_call") (result f32)
    (global.get $imut)
    (call $f)
    (global.get $imut)
    (f32.add)))
