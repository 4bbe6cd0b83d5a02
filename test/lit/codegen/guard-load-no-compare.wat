;; In guard mode an access is a plain load from membase + zext(addr) +
;; offset, computed in 64 bits, with no compare against the memory size left
;; in the code: the optimiser saw a provisional bounds check in front of it,
;; and compiler/transform/BoundsCheckElision.cpp removed it after the
;; pipeline, since the load right after it faults whenever it would trap.
;; The same module in explicit mode keeps the compare, which shows that the
;; negative checks look for what is really there.
;; NOCMP is the negative part: nothing of a bounds check anywhere in the
;; function, from its label to its closing brace. FIRES shows that each of
;; its CHECK-NOT lines matches the explicit-mode output, where the check is
;; kept, so none of them can pass by looking for text that never appears.
;; RUN: %wat2wasm --debug-names %s -o %t.wasm
;; RUN: wasm2native compile --bounds-checks=guard -O2 --emit=llvm %t.wasm \
;; RUN:   -o %t.guard.ll
;; RUN: FileCheck %s < %t.guard.ll
;; RUN: FileCheck %s --check-prefix=NOCMP < %t.guard.ll
;; RUN: wasm2native compile --bounds-checks=explicit -O2 --emit=llvm %t.wasm \
;; RUN:   -o %t.explicit.ll
;; RUN: FileCheck %s --check-prefix=EXPLICIT < %t.explicit.ll
;; RUN: not FileCheck %s --check-prefix=NOCMP < %t.explicit.ll 2>&1 \
;; RUN:   | FileCheck %s --check-prefix=FIRES
;; The baseline tier (lower/CompilePlan.h) does not optimise and has no
;; provisional checks to begin with.
;; RUN: wasm2native compile --bounds-checks=guard -O2 --emit=llvm %t.wasm \
;; RUN:   --mllvm=-wasm2native-force-tier=baseline -o %t.baseline.ll
;; RUN: FileCheck %s --check-prefix=BASELINE < %t.baseline.ll
;; RUN: FileCheck %s --check-prefix=NOCMP < %t.baseline.ll

;; NOCMP-LABEL: define {{.*}} @"wasm:load"(ptr %vmctx, i32 %0)
;; NOCMP-NOT: %memsize
;; NOCMP-NOT: icmp
;; NOCMP-NOT: %rt.trap
;; NOCMP-NOT: !w2n.bounds_check
;; NOCMP: {{^}}}

;; FIRES: error: NOCMP{{-}}NOT: excluded string found in input
;; FIRES-NEXT: ;; NOCMP{{-}}NOT: %memsize
;; FIRES: error: NOCMP{{-}}NOT: excluded string found in input
;; FIRES-NEXT: ;; NOCMP{{-}}NOT: icmp
;; FIRES: error: NOCMP{{-}}NOT: excluded string found in input
;; FIRES-NEXT: ;; NOCMP{{-}}NOT: %rt.trap
;; FIRES: error: NOCMP{{-}}NOT: excluded string found in input
;; FIRES-NEXT: ;; NOCMP{{-}}NOT: !w2n.bounds_check

;; The access itself: membase + zext(addr) + offset, then the load.
;; CHECK-LABEL: define {{.*}} @"wasm:load"(ptr %vmctx, i32 %0)
;; CHECK-DAG: %membase = load ptr, ptr %memory
;; CHECK-DAG: [[EA:%[0-9a-z.]+]] = zext i32 %0 to i64
;; CHECK: [[BASE:%[0-9a-z.]+]] = getelementptr i8, ptr %membase, i64 [[EA]]
;; CHECK-NEXT: %addr = getelementptr i8, ptr [[BASE]], i64 4294901760
;; CHECK-NEXT: load i32, ptr %addr, align 1
;; CHECK-NEXT: ret i32

;; BASELINE-LABEL: define {{.*}} @"wasm:load"(ptr %vmctx, i32 %0)
;; BASELINE: load i32, ptr %addr, align 1
;; BASELINE: ret i32

;; The same access with its check: the size, the compare, the trap call
;; marked as a bounds check.
;; EXPLICIT-LABEL: define {{.*}} @"wasm:load"(ptr %vmctx, i32 %0)
;; EXPLICIT: %memsize = load i64
;; EXPLICIT: icmp ugt i64 %ea.end, %memsize
;; EXPLICIT: load i32, ptr %addr, align 1
;; EXPLICIT: call void %rt.trap(ptr {{.*}}%vmctx, i32 5, i32 0) {{.*}}!w2n.bounds_check

;; The offset is below 4 GiB, so that the access can be in bounds of a
;; memory that has grown to 65536 pages (a larger one always traps, and
;; LLVM folds its check into a trap).
(module
  (memory 1)
  (func $load (export "load") (param i32) (result i32)
    (i32.load offset=4294901760 (local.get 0))))
