;; The numeric traps of compiler/lower/EmitNumeric.cpp, each with its own
;; kind (enum w2n_trap_kind in abi.h), passed as a constant to rt->trap
;; together with the index of the function that traps:
;;   - div/rem by zero: 2 (integer divide by zero), tested before anything
;;     else, on the divisor;
;;   - div_s of INT_MIN by -1: 3 (integer overflow); rem_s never traps
;;     there (INT_MIN rem -1 is 0), it divides by 1 instead of -1;
;;   - trunc of NaN: 4 (invalid conversion to integer), before the range;
;;   - trunc out of range: 3 (integer overflow), with exclusive bounds
;;     that are exact in the source type (-2^31 - 256 for f32 -> i32_s,
;;     -1 and 2^32 for unsigned, -2^63 - 2048 for f64 -> i64_s, ...);
;;   - trunc_sat: no trap, llvm.fpto[su]i.sat.
;; The baseline tier (mem2reg, no optimisation) shows the lowering as
;; emitted: each check's condition and the block it branches to, and the
;; trap call in that block. Breakage caught: a missing check, a swapped or
;; wrong kind, a check on the wrong operand or with the wrong signedness,
;; a wrong bound (the spec tests only reach the bounds' neighbours), an
;; overflow check on rem_s, a lost -1 guard on rem_s (INT_MIN % -1 faults
;; on x86-64), a NaN check after the range check (NaN would report 3), a
;; wrong function index, or rt->trap taken from another runtime slot.
;; At -O2 every kind must survive optimisation (OPT).
;; RUN: %wat2wasm --debug-names %s -o %t.wasm
;; RUN: wasm2native compile -O2 --emit=llvm %t.wasm -o - \
;; RUN:   --mllvm=-wasm2native-force-tier=baseline | FileCheck %s
;; RUN: wasm2native compile -O2 --emit=llvm %t.wasm -o - \
;; RUN:   | FileCheck %s --check-prefix=OPT

;; rt->trap is slot 0 of the w2n_runtime_fns that vmctx->rt (offset 16)
;; points to.
;; CHECK-LABEL: define {{.*}} @"wasm:i32_div_s"(ptr %vmctx, i32 %0, i32 %1)
;; CHECK-NEXT: entry:
;; CHECK-NEXT: [[Z:%[0-9]+]] = icmp eq i32 %1, 0
;; CHECK-NEXT: br i1 [[Z]], label %[[ZERO:[a-z0-9_.]+]], label %[[NZ:[a-z0-9_.]+]], !prof
;; CHECK: {{^}}[[NZ]]:
;; CHECK-NEXT: [[MIN:%[0-9]+]] = icmp eq i32 %0, -2147483648
;; CHECK-NEXT: [[NEG:%[0-9]+]] = icmp eq i32 %1, -1
;; CHECK-NEXT: [[OV:%[0-9]+]] = and i1 [[MIN]], [[NEG]]{{$}}
;; CHECK-NEXT: br i1 [[OV]], label %[[OVF:[a-z0-9_.]+]], label %[[OK:[a-z0-9_.]+]], !prof
;; CHECK: {{^}}[[ZERO]]:
;; CHECK-NEXT: [[RTP:%[0-9]+]] = getelementptr i8, ptr %vmctx, i64 16
;; CHECK-NEXT: [[RT:%[0-9]+]] = load ptr, ptr [[RTP]],
;; CHECK-NEXT: [[TRAP:%rt.trap[0-9]*]] = load ptr, ptr [[RT]],
;; CHECK-NEXT: call void [[TRAP]](ptr %vmctx, i32 2, i32 0)
;; CHECK-NEXT: unreachable
;; CHECK: {{^}}[[OK]]:
;; CHECK-NEXT: sdiv i32 %0, %1
;; CHECK: {{^}}[[OVF]]:
;; CHECK-NOT: {{^[a-z0-9_.]+:}}
;; CHECK: call void %rt.trap{{[0-9]*}}(ptr %vmctx, i32 3, i32 0)
;; CHECK-NEXT: unreachable
;; OPT-LABEL: define {{.*}} @"wasm:i32_div_s"(
;; OPT-DAG: call void %rt.trap{{[0-9]*}}(ptr %vmctx, i32 2, i32 0)
;; OPT-DAG: call void %rt.trap{{[0-9]*}}(ptr %vmctx, i32 3, i32 0)

;; CHECK-LABEL: define {{.*}} @"wasm:i32_div_u"(ptr %vmctx, i32 %0, i32 %1)
;; CHECK-NEXT: entry:
;; CHECK-NEXT: [[Z:%[0-9]+]] = icmp eq i32 %1, 0
;; CHECK-NEXT: br i1 [[Z]], label %[[ZERO:[a-z0-9_.]+]], label %[[OK:[a-z0-9_.]+]], !prof
;; CHECK: {{^}}[[OK]]:
;; CHECK-NEXT: udiv i32 %0, %1
;; CHECK: {{^}}[[ZERO]]:
;; CHECK-NOT: {{^[a-z0-9_.]+:}}
;; CHECK: call void %rt.trap{{[0-9]*}}(ptr %vmctx, i32 2, i32 1)
;; CHECK-NOT: %rt.trap
;; CHECK: {{^}}}
;; OPT-LABEL: define {{.*}} @"wasm:i32_div_u"(
;; OPT-NOT: i32 3, i32 1)
;; OPT: call void %rt.trap{{[0-9]*}}(ptr %vmctx, i32 2, i32 1)
;; OPT-NOT: %rt.trap
;; OPT: {{^}}}

;; CHECK-LABEL: define {{.*}} @"wasm:i32_rem_s"(ptr %vmctx, i32 %0, i32 %1)
;; CHECK-NEXT: entry:
;; CHECK-NEXT: [[Z:%[0-9]+]] = icmp eq i32 %1, 0
;; CHECK-NEXT: br i1 [[Z]], label %[[ZERO:[a-z0-9_.]+]], label %[[OK:[a-z0-9_.]+]], !prof
;; CHECK: {{^}}[[OK]]:
;; CHECK-NEXT: [[NEG:%[0-9]+]] = icmp eq i32 %1, -1
;; CHECK-NEXT: [[SAFE:%[0-9]+]] = select i1 [[NEG]], i32 1, i32 %1
;; CHECK-NEXT: srem i32 %0, [[SAFE]]{{$}}
;; CHECK: {{^}}[[ZERO]]:
;; CHECK-NOT: {{^[a-z0-9_.]+:}}
;; CHECK: call void %rt.trap{{[0-9]*}}(ptr %vmctx, i32 2, i32 2)
;; CHECK-NOT: %rt.trap
;; CHECK: {{^}}}
;; OPT-LABEL: define {{.*}} @"wasm:i32_rem_s"(
;; OPT-NOT: i32 3, i32 2)
;; OPT: call void %rt.trap{{[0-9]*}}(ptr %vmctx, i32 2, i32 2)
;; OPT-NOT: %rt.trap
;; OPT: {{^}}}

;; CHECK-LABEL: define {{.*}} @"wasm:i32_rem_u"(ptr %vmctx, i32 %0, i32 %1)
;; CHECK-NEXT: entry:
;; CHECK-NEXT: [[Z:%[0-9]+]] = icmp eq i32 %1, 0
;; CHECK-NEXT: br i1 [[Z]], label %[[ZERO:[a-z0-9_.]+]], label %[[OK:[a-z0-9_.]+]], !prof
;; CHECK: {{^}}[[OK]]:
;; CHECK-NEXT: urem i32 %0, %1
;; CHECK: {{^}}[[ZERO]]:
;; CHECK-NOT: {{^[a-z0-9_.]+:}}
;; CHECK: call void %rt.trap{{[0-9]*}}(ptr %vmctx, i32 2, i32 3)
;; CHECK-NOT: %rt.trap
;; CHECK: {{^}}}

;; CHECK-LABEL: define {{.*}} @"wasm:i64_div_s"(ptr %vmctx, i64 %0, i64 %1)
;; CHECK-NEXT: entry:
;; CHECK-NEXT: [[Z:%[0-9]+]] = icmp eq i64 %1, 0
;; CHECK-NEXT: br i1 [[Z]], label %[[ZERO:[a-z0-9_.]+]], label %[[NZ:[a-z0-9_.]+]], !prof
;; CHECK: {{^}}[[NZ]]:
;; CHECK-NEXT: [[MIN:%[0-9]+]] = icmp eq i64 %0, -9223372036854775808
;; CHECK-NEXT: [[NEG:%[0-9]+]] = icmp eq i64 %1, -1
;; CHECK-NEXT: [[OV:%[0-9]+]] = and i1 [[MIN]], [[NEG]]{{$}}
;; CHECK-NEXT: br i1 [[OV]], label %[[OVF:[a-z0-9_.]+]], label %[[OK:[a-z0-9_.]+]], !prof
;; CHECK: {{^}}[[ZERO]]:
;; CHECK-NOT: {{^[a-z0-9_.]+:}}
;; CHECK: call void %rt.trap{{[0-9]*}}(ptr %vmctx, i32 2, i32 4)
;; CHECK: {{^}}[[OK]]:
;; CHECK-NEXT: sdiv i64 %0, %1
;; CHECK: {{^}}[[OVF]]:
;; CHECK-NOT: {{^[a-z0-9_.]+:}}
;; CHECK: call void %rt.trap{{[0-9]*}}(ptr %vmctx, i32 3, i32 4)
;; OPT-LABEL: define {{.*}} @"wasm:i64_div_s"(
;; OPT-DAG: call void %rt.trap{{[0-9]*}}(ptr %vmctx, i32 2, i32 4)
;; OPT-DAG: call void %rt.trap{{[0-9]*}}(ptr %vmctx, i32 3, i32 4)

;; CHECK-LABEL: define {{.*}} @"wasm:i64_rem_s"(ptr %vmctx, i64 %0, i64 %1)
;; CHECK-NEXT: entry:
;; CHECK-NEXT: [[Z:%[0-9]+]] = icmp eq i64 %1, 0
;; CHECK-NEXT: br i1 [[Z]], label %[[ZERO:[a-z0-9_.]+]], label %[[OK:[a-z0-9_.]+]], !prof
;; CHECK: {{^}}[[OK]]:
;; CHECK-NEXT: [[NEG:%[0-9]+]] = icmp eq i64 %1, -1
;; CHECK-NEXT: [[SAFE:%[0-9]+]] = select i1 [[NEG]], i64 1, i64 %1
;; CHECK-NEXT: srem i64 %0, [[SAFE]]{{$}}
;; CHECK: {{^}}[[ZERO]]:
;; CHECK-NOT: {{^[a-z0-9_.]+:}}
;; CHECK: call void %rt.trap{{[0-9]*}}(ptr %vmctx, i32 2, i32 5)
;; CHECK-NOT: %rt.trap
;; CHECK: {{^}}}

;; Truncations: NaN first (kind 4), then the range (kind 3).
;; CHECK-LABEL: define {{.*}} @"wasm:i32_trunc_f32_s"(ptr %vmctx, float %0)
;; CHECK-NEXT: entry:
;; CHECK-NEXT: [[NAN:%[0-9]+]] = fcmp uno float %0, %0
;; CHECK-NEXT: br i1 [[NAN]], label %[[INV:[a-z0-9_.]+]], label %[[NUM:[a-z0-9_.]+]], !prof
;; CHECK: {{^}}[[NUM]]:
;; CHECK-NEXT: [[GT:%[0-9]+]] = fcmp ogt float %0, 0xC1E0000020000000
;; CHECK-NEXT: [[LT:%[0-9]+]] = fcmp olt float %0, 0x41E0000000000000
;; CHECK-NEXT: [[IN:%[0-9]+]] = and i1 [[GT]], [[LT]]{{$}}
;; CHECK-NEXT: [[OUT:%[0-9]+]] = xor i1 [[IN]], true
;; CHECK-NEXT: br i1 [[OUT]], label %[[OVF:[a-z0-9_.]+]], label %[[OK:[a-z0-9_.]+]], !prof
;; CHECK: {{^}}[[INV]]:
;; CHECK-NOT: {{^[a-z0-9_.]+:}}
;; CHECK: call void %rt.trap{{[0-9]*}}(ptr %vmctx, i32 4, i32 6)
;; CHECK: {{^}}[[OK]]:
;; CHECK-NEXT: fptosi float %0 to i32
;; CHECK: {{^}}[[OVF]]:
;; CHECK-NOT: {{^[a-z0-9_.]+:}}
;; CHECK: call void %rt.trap{{[0-9]*}}(ptr %vmctx, i32 3, i32 6)
;; OPT-LABEL: define {{.*}} @"wasm:i32_trunc_f32_s"(
;; OPT-DAG: fcmp ule float %0, 0xC1E0000020000000
;; OPT-DAG: fcmp uge float %0, 0x41E0000000000000
;; OPT-DAG: call void %rt.trap{{[0-9]*}}(ptr %vmctx, i32 4, i32 6)
;; OPT-DAG: call void %rt.trap{{[0-9]*}}(ptr %vmctx, i32 3, i32 6)

;; CHECK-LABEL: define {{.*}} @"wasm:i32_trunc_f64_u"(ptr %vmctx, double %0)
;; CHECK-NEXT: entry:
;; CHECK-NEXT: [[NAN:%[0-9]+]] = fcmp uno double %0, %0
;; CHECK-NEXT: br i1 [[NAN]], label %[[INV:[a-z0-9_.]+]], label %[[NUM:[a-z0-9_.]+]], !prof
;; CHECK: {{^}}[[NUM]]:
;; CHECK-NEXT: [[GT:%[0-9]+]] = fcmp ogt double %0, -1.000000e+00
;; CHECK-NEXT: [[LT:%[0-9]+]] = fcmp olt double %0, 0x41F0000000000000
;; CHECK-NEXT: [[IN:%[0-9]+]] = and i1 [[GT]], [[LT]]{{$}}
;; CHECK-NEXT: [[OUT:%[0-9]+]] = xor i1 [[IN]], true
;; CHECK-NEXT: br i1 [[OUT]], label %[[OVF:[a-z0-9_.]+]], label %[[OK:[a-z0-9_.]+]], !prof
;; CHECK: {{^}}[[INV]]:
;; CHECK-NOT: {{^[a-z0-9_.]+:}}
;; CHECK: call void %rt.trap{{[0-9]*}}(ptr %vmctx, i32 4, i32 7)
;; CHECK: {{^}}[[OK]]:
;; CHECK-NEXT: fptoui double %0 to i32
;; CHECK: {{^}}[[OVF]]:
;; CHECK-NOT: {{^[a-z0-9_.]+:}}
;; CHECK: call void %rt.trap{{[0-9]*}}(ptr %vmctx, i32 3, i32 7)

;; CHECK-LABEL: define {{.*}} @"wasm:i64_trunc_f64_s"(ptr %vmctx, double %0)
;; CHECK-NEXT: entry:
;; CHECK-NEXT: [[NAN:%[0-9]+]] = fcmp uno double %0, %0
;; CHECK-NEXT: br i1 [[NAN]], label %[[INV:[a-z0-9_.]+]], label %[[NUM:[a-z0-9_.]+]], !prof
;; CHECK: {{^}}[[NUM]]:
;; CHECK-NEXT: [[GT:%[0-9]+]] = fcmp ogt double %0, 0xC3E0000000000001
;; CHECK-NEXT: [[LT:%[0-9]+]] = fcmp olt double %0, 0x43E0000000000000
;; CHECK-NEXT: [[IN:%[0-9]+]] = and i1 [[GT]], [[LT]]{{$}}
;; CHECK-NEXT: [[OUT:%[0-9]+]] = xor i1 [[IN]], true
;; CHECK-NEXT: br i1 [[OUT]], label %[[OVF:[a-z0-9_.]+]], label %[[OK:[a-z0-9_.]+]], !prof
;; CHECK: {{^}}[[INV]]:
;; CHECK-NOT: {{^[a-z0-9_.]+:}}
;; CHECK: call void %rt.trap{{[0-9]*}}(ptr %vmctx, i32 4, i32 8)
;; CHECK: {{^}}[[OK]]:
;; CHECK-NEXT: fptosi double %0 to i64
;; CHECK: {{^}}[[OVF]]:
;; CHECK-NOT: {{^[a-z0-9_.]+:}}
;; CHECK: call void %rt.trap{{[0-9]*}}(ptr %vmctx, i32 3, i32 8)

;; CHECK-LABEL: define {{.*}} @"wasm:i64_trunc_f32_u"(ptr %vmctx, float %0)
;; CHECK-NEXT: entry:
;; CHECK-NEXT: [[NAN:%[0-9]+]] = fcmp uno float %0, %0
;; CHECK-NEXT: br i1 [[NAN]], label %[[INV:[a-z0-9_.]+]], label %[[NUM:[a-z0-9_.]+]], !prof
;; CHECK: {{^}}[[NUM]]:
;; CHECK-NEXT: [[GT:%[0-9]+]] = fcmp ogt float %0, -1.000000e+00
;; CHECK-NEXT: [[LT:%[0-9]+]] = fcmp olt float %0, 0x43F0000000000000
;; CHECK-NEXT: [[IN:%[0-9]+]] = and i1 [[GT]], [[LT]]{{$}}
;; CHECK-NEXT: [[OUT:%[0-9]+]] = xor i1 [[IN]], true
;; CHECK-NEXT: br i1 [[OUT]], label %[[OVF:[a-z0-9_.]+]], label %[[OK:[a-z0-9_.]+]], !prof
;; CHECK: {{^}}[[INV]]:
;; CHECK-NOT: {{^[a-z0-9_.]+:}}
;; CHECK: call void %rt.trap{{[0-9]*}}(ptr %vmctx, i32 4, i32 9)
;; CHECK: {{^}}[[OK]]:
;; CHECK-NEXT: fptoui float %0 to i64
;; CHECK: {{^}}[[OVF]]:
;; CHECK-NOT: {{^[a-z0-9_.]+:}}
;; CHECK: call void %rt.trap{{[0-9]*}}(ptr %vmctx, i32 3, i32 9)

;; CHECK-LABEL: define {{.*}} @"wasm:i32_trunc_sat_f32_s"(ptr %vmctx, float %0)
;; CHECK-NOT: %rt.trap
;; CHECK: call i32 @llvm.fptosi.sat.i32.f32(float %0)
;; CHECK-NOT: %rt.trap
;; CHECK: {{^}}}

(module
  (func $i32_div_s (export "i32_div_s") (param i32 i32) (result i32)
    (i32.div_s (local.get 0) (local.get 1)))
  (func $i32_div_u (export "i32_div_u") (param i32 i32) (result i32)
    (i32.div_u (local.get 0) (local.get 1)))
  (func $i32_rem_s (export "i32_rem_s") (param i32 i32) (result i32)
    (i32.rem_s (local.get 0) (local.get 1)))
  (func $i32_rem_u (export "i32_rem_u") (param i32 i32) (result i32)
    (i32.rem_u (local.get 0) (local.get 1)))
  (func $i64_div_s (export "i64_div_s") (param i64 i64) (result i64)
    (i64.div_s (local.get 0) (local.get 1)))
  (func $i64_rem_s (export "i64_rem_s") (param i64 i64) (result i64)
    (i64.rem_s (local.get 0) (local.get 1)))
  (func $i32_trunc_f32_s (export "i32_trunc_f32_s") (param f32) (result i32)
    (i32.trunc_f32_s (local.get 0)))
  (func $i32_trunc_f64_u (export "i32_trunc_f64_u") (param f64) (result i32)
    (i32.trunc_f64_u (local.get 0)))
  (func $i64_trunc_f64_s (export "i64_trunc_f64_s") (param f64) (result i64)
    (i64.trunc_f64_s (local.get 0)))
  (func $i64_trunc_f32_u (export "i64_trunc_f32_u") (param f32) (result i64)
    (i64.trunc_f32_u (local.get 0)))
  (func $i32_trunc_sat_f32_s (export "i32_trunc_sat_f32_s") (param f32)
    (result i32)
    (i32.trunc_sat_f32_s (local.get 0))))
