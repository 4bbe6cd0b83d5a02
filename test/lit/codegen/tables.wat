;; Table instructions (compiler/lower/EmitReference.cpp) and the table
;; descriptors (lower/Descriptor.cpp), in the baseline tier (mem2reg, no
;; optimisation), which shows the code as lowered:
;;   - vmctx->tables[i] (at tables_offset + 8 i, after the one global here:
;;     72 for the imported externref table, 80 for $t) points to a
;;     w2n_table { elems; u32 size; u32 max } (abi.h);
;;   - table.get/set compare the index with size (unsigned) and trap with
;;     kind 6 (W2N_TRAP_TABLE_OUT_OF_BOUNDS), then use elems[index];
;;   - table.size loads size; table.grow and table.fill call the runtime
;;     (rt->table_grow and rt->table_fill, slots 6 and 7: offsets 48 and
;;     56), fill with 64-bit dst and length (the runtime does its bounds
;;     check, with no 32-bit wrap-around);
;;   - call_indirect (after the stack check, kind 10) checks, in this
;;     order, the index against size (kind 7, undefined element), the entry
;;     for null (kind 8, uninitialized element) and the callee's type_id
;;     against vmctx->type_ids[1] (at 140: kind 9, indirect call type
;;     mismatch), then calls code(callee vmctx, args).
;; Breakage caught: a wrong table index or tables_offset, a signed or
;; missing bounds check, a trap kind swapped between the three checks of
;; call_indirect (or the checks reordered, so that a null entry past the
;; end reports 8), the type index ignored (type 0 compared), the caller's
;; vmctx passed to the callee, the wrong runtime slot or argument order
;; for grow and fill, a 32-bit length for fill, wrong limits or element
;; types in the descriptor. OPT checks that -O2 keeps every trap kind.
;; RUN: %wat2wasm --debug-names %s -o %t.wasm
;; RUN: wasm2native compile -O2 --emit=llvm %t.wasm -o - \
;; RUN:   --mllvm=-wasm2native-force-tier=baseline | FileCheck %s
;; RUN: wasm2native compile -O2 --emit=llvm %t.wasm -o - \
;; RUN:   | FileCheck %s --check-prefix=OPT

;; Element type (0x6f externref, 0x70 funcref), then { min, max, has_max }.
;; CHECK: @tables = private constant [2 x {{.*}}] [{{.*}} { i8 111, {{.*}} { i64 1, i64 0, i32 0, i32 0 } }, {{.*}} { i8 112, {{.*}} { i64 2, i64 10, i32 1, i32 0 } }]

;; CHECK-LABEL: define {{.*}} ptr @"wasm:get"(ptr %vmctx, i32 %0)
;; CHECK-NEXT: entry:
;; CHECK-NEXT: [[TP:%[0-9]+]] = getelementptr i8, ptr %vmctx, i64 80
;; CHECK-NEXT: [[T:%[a-z0-9_.]+]] = load ptr, ptr [[TP]], align 8, {{.*}}!invariant.load
;; CHECK-NEXT: [[SP:%[0-9]+]] = getelementptr i8, ptr [[T]], i64 8
;; CHECK-NEXT: [[SIZE:%[a-z0-9_.]+]] = load i32, ptr [[SP]],
;; CHECK-NEXT: [[OOB:%[0-9]+]] = icmp uge i32 %0, [[SIZE]]{{$}}
;; CHECK-NEXT: br i1 [[OOB]], label %[[TRAP:[a-z0-9_.]+]], label %[[OK:[a-z0-9_.]+]], !prof
;; CHECK: {{^}}[[OK]]:
;; CHECK-NEXT: [[ELEMS:%[a-z0-9_.]+]] = load ptr, ptr [[T]],
;; CHECK-NEXT: [[I:%[0-9]+]] = zext i32 %0 to i64
;; CHECK-NEXT: [[EP:%[0-9]+]] = getelementptr ptr, ptr [[ELEMS]], i64 [[I]]{{$}}
;; CHECK-NEXT: load ptr, ptr [[EP]],
;; CHECK: {{^}}[[TRAP]]:
;; CHECK-NOT: {{^[a-z0-9_.]+:}}
;; CHECK: call void %rt.trap{{[0-9]*}}(ptr %vmctx, i32 6, i32 0)

;; CHECK-LABEL: define {{.*}} void @"wasm:set"(ptr %vmctx, i32 %0, ptr %1)
;; CHECK-NEXT: entry:
;; CHECK-NEXT: [[TP:%[0-9]+]] = getelementptr i8, ptr %vmctx, i64 72
;; CHECK-NEXT: [[T:%[a-z0-9_.]+]] = load ptr, ptr [[TP]],
;; CHECK-NEXT: [[SP:%[0-9]+]] = getelementptr i8, ptr [[T]], i64 8
;; CHECK-NEXT: [[SIZE:%[a-z0-9_.]+]] = load i32, ptr [[SP]],
;; CHECK-NEXT: [[OOB:%[0-9]+]] = icmp uge i32 %0, [[SIZE]]{{$}}
;; CHECK-NEXT: br i1 [[OOB]], label %[[TRAP:[a-z0-9_.]+]], label %[[OK:[a-z0-9_.]+]], !prof
;; CHECK: {{^}}[[OK]]:
;; CHECK-NEXT: [[ELEMS:%[a-z0-9_.]+]] = load ptr, ptr [[T]],
;; CHECK-NEXT: [[I:%[0-9]+]] = zext i32 %0 to i64
;; CHECK-NEXT: [[EP:%[0-9]+]] = getelementptr ptr, ptr [[ELEMS]], i64 [[I]]{{$}}
;; CHECK-NEXT: store ptr %1, ptr [[EP]],
;; CHECK: {{^}}[[TRAP]]:
;; CHECK-NOT: {{^[a-z0-9_.]+:}}
;; CHECK: call void %rt.trap{{[0-9]*}}(ptr %vmctx, i32 6, i32 1)

;; CHECK-LABEL: define {{.*}} i32 @"wasm:size"(ptr %vmctx)
;; CHECK-NEXT: entry:
;; CHECK-NEXT: [[TP:%[0-9]+]] = getelementptr i8, ptr %vmctx, i64 80
;; CHECK-NEXT: [[T:%[a-z0-9_.]+]] = load ptr, ptr [[TP]],
;; CHECK-NEXT: [[SP:%[0-9]+]] = getelementptr i8, ptr [[T]], i64 8
;; CHECK-NEXT: [[SIZE:%[0-9]+]] = load i32, ptr [[SP]],
;; CHECK-NOT: %rt.trap
;; CHECK: ret i32

;; CHECK-LABEL: define {{.*}} i32 @"wasm:grow"(ptr %vmctx, ptr %0, i32 %1)
;; CHECK-NEXT: entry:
;; CHECK-NEXT: [[RTP:%[0-9]+]] = getelementptr i8, ptr %vmctx, i64 16
;; CHECK-NEXT: [[RT:%[a-z0-9_.]+]] = load ptr, ptr [[RTP]],
;; CHECK-NEXT: [[FP:%[0-9]+]] = getelementptr i8, ptr [[RT]], i64 32
;; CHECK-NEXT: [[FN:%[a-z0-9_.]+]] = load ptr, ptr [[FP]],
;; CHECK-NEXT: call i32 [[FN]](ptr %vmctx, i32 1, ptr %0, i32 %1)

;; CHECK-LABEL: define {{.*}} void @"wasm:fill"(ptr %vmctx, i32 %0, ptr %1, i32 %2)
;; CHECK-NEXT: entry:
;; CHECK-NEXT: [[LEN:%[0-9]+]] = zext i32 %2 to i64
;; CHECK-NEXT: [[DST:%[0-9]+]] = zext i32 %0 to i64
;; CHECK-NEXT: [[RTP:%[0-9]+]] = getelementptr i8, ptr %vmctx, i64 16
;; CHECK-NEXT: [[RT:%[a-z0-9_.]+]] = load ptr, ptr [[RTP]],
;; CHECK-NEXT: [[FP:%[0-9]+]] = getelementptr i8, ptr [[RT]], i64 40
;; CHECK-NEXT: [[FN:%[a-z0-9_.]+]] = load ptr, ptr [[FP]],
;; CHECK-NEXT: call void [[FN]](ptr %vmctx, i32 0, i64 [[DST]], ptr %1, i64 [[LEN]])

;; CHECK-LABEL: define {{.*}} i32 @"wasm:call"(ptr %vmctx, i32 %0, i32 %1)
;; CHECK: br i1 %{{.*}}, label %[[STACK:[a-z0-9_.]+]], label %[[C0:[a-z0-9_.]+]], !prof
;; CHECK: {{^}}[[C0]]:
;; CHECK-NEXT: [[I:%[0-9]+]] = zext i32 %1 to i64
;; CHECK-NEXT: [[TP:%[0-9]+]] = getelementptr i8, ptr %vmctx, i64 80
;; CHECK-NEXT: [[T:%[a-z0-9_.]+]] = load ptr, ptr [[TP]],
;; CHECK-NEXT: [[SP:%[0-9]+]] = getelementptr i8, ptr [[T]], i64 8
;; CHECK-NEXT: [[SIZE:%[a-z0-9_.]+]] = load i32, ptr [[SP]],
;; CHECK-NEXT: [[SIZE64:%[0-9]+]] = zext i32 [[SIZE]] to i64
;; CHECK-NEXT: [[OOB:%[0-9]+]] = icmp uge i64 [[I]], [[SIZE64]]{{$}}
;; CHECK-NEXT: br i1 [[OOB]], label %[[UNDEF:[a-z0-9_.]+]], label %[[C1:[a-z0-9_.]+]], !prof
;; CHECK: {{^}}[[STACK]]:
;; CHECK-NOT: {{^[a-z0-9_.]+:}}
;; CHECK: call void %rt.trap{{[0-9]*}}(ptr %vmctx, i32 10, i32 5)
;; CHECK: {{^}}[[C1]]:
;; CHECK-NEXT: [[ELEMS:%[a-z0-9_.]+]] = load ptr, ptr [[T]],
;; CHECK-NEXT: [[EP:%[0-9]+]] = getelementptr ptr, ptr [[ELEMS]], i64 [[I]]{{$}}
;; CHECK-NEXT: [[REF:%[a-z0-9_.]+]] = load ptr, ptr [[EP]],
;; CHECK-NEXT: [[ISNULL:%[0-9]+]] = icmp eq ptr [[REF]], null
;; CHECK-NEXT: br i1 [[ISNULL]], label %[[NULL:[a-z0-9_.]+]], label %[[C2:[a-z0-9_.]+]], !prof
;; CHECK: {{^}}[[UNDEF]]:
;; CHECK-NOT: {{^[a-z0-9_.]+:}}
;; CHECK: call void %rt.trap{{[0-9]*}}(ptr %vmctx, i32 7, i32 5)
;; CHECK: {{^}}[[C2]]:
;; CHECK-NEXT: [[TIDP:%[0-9]+]] = getelementptr i8, ptr [[REF]], i64 16
;; CHECK-NEXT: [[TID:%[a-z0-9_.]+]] = load i32, ptr [[TIDP]],
;; CHECK-NEXT: [[EXPP:%[0-9]+]] = getelementptr i8, ptr %vmctx, i64 140
;; CHECK-NEXT: [[EXP:%[a-z0-9_.]+]] = load i32, ptr [[EXPP]],
;; CHECK-NEXT: [[NE:%[0-9]+]] = icmp ne i32 [[TID]], [[EXP]]{{$}}
;; CHECK-NEXT: br i1 [[NE]], label %[[MISMATCH:[a-z0-9_.]+]], label %[[C3:[a-z0-9_.]+]], !prof
;; CHECK: {{^}}[[NULL]]:
;; CHECK-NOT: {{^[a-z0-9_.]+:}}
;; CHECK: call void %rt.trap{{[0-9]*}}(ptr %vmctx, i32 8, i32 5)
;; CHECK: {{^}}[[C3]]:
;; CHECK-NEXT: [[CODE:%[a-z0-9_.]+]] = load ptr, ptr [[REF]],
;; CHECK-NEXT: [[CVP:%[0-9]+]] = getelementptr i8, ptr [[REF]], i64 8
;; CHECK-NEXT: [[CV:%[a-z0-9_.]+]] = load ptr, ptr [[CVP]],
;; CHECK-NEXT: call i32 [[CODE]](ptr [[CV]], i32 %0)
;; CHECK: {{^}}[[MISMATCH]]:
;; CHECK-NOT: {{^[a-z0-9_.]+:}}
;; CHECK: call void %rt.trap{{[0-9]*}}(ptr %vmctx, i32 9, i32 5)

;; OPT-LABEL: define {{.*}} @"wasm:get"(
;; OPT: call void %rt.trap{{[0-9]*}}(ptr {{.*}}%vmctx, i32 6, i32 0)
;; OPT-LABEL: define {{.*}} @"wasm:set"(
;; OPT: call void %rt.trap{{[0-9]*}}(ptr {{.*}}%vmctx, i32 6, i32 1)
;; OPT-LABEL: define {{.*}} @"wasm:call"(
;; OPT-DAG: call void %rt.trap{{[0-9]*}}(ptr {{.*}}%vmctx, i32 10, i32 5)
;; OPT-DAG: call void %rt.trap{{[0-9]*}}(ptr {{.*}}%vmctx, i32 7, i32 5)
;; OPT-DAG: call void %rt.trap{{[0-9]*}}(ptr {{.*}}%vmctx, i32 8, i32 5)
;; OPT-DAG: call void %rt.trap{{[0-9]*}}(ptr {{.*}}%vmctx, i32 9, i32 5)

(module
  (type $none (func))
  (type $ii (func (param i32) (result i32)))
  (import "env" "ext" (table $ext 1 externref))
  (global $g (mut i32) (i32.const 0))
  (table $t 2 10 funcref)
  (func $get (export "get") (param i32) (result funcref)
    (table.get $t (local.get 0)))
  (func $set (export "set") (param i32 externref)
    (table.set $ext (local.get 0) (local.get 1)))
  (func $size (export "size") (result i32)
    (table.size $t))
  (func $grow (export "grow") (param funcref i32) (result i32)
    (table.grow $t (local.get 0) (local.get 1)))
  (func $fill (export "fill") (param i32 externref i32)
    (table.fill $ext (local.get 0) (local.get 1) (local.get 2)))
  (func $call (export "call") (param i32 i32) (result i32)
    (call_indirect $t (type $ii) (local.get 0) (local.get 1))))
