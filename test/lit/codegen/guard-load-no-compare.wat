;; In guard mode an access is a plain load from membase + zext(addr) +
;; offset, computed in 64 bits, with no compare against the memory size left
;; in the code: the optimiser saw a provisional bounds check in front of it,
;; and compiler/transform/BoundsCheckElision.cpp removed it after the
;; pipeline, since the load right after it faults whenever it would trap.
;; The same module in explicit mode keeps the compare, which shows that the
;; negative checks look for what is really there.
;; RUN: %wat2wasm --debug-names %s -o %t.wasm
;; RUN: wasm2native compile --bounds-checks=guard -O2 --emit=llvm %t.wasm -o - | FileCheck %s
;; RUN: wasm2native compile --bounds-checks=explicit -O2 --emit=llvm %t.wasm -o - \
;; RUN:   | FileCheck %s --check-prefix=EXPLICIT
;; The baseline tier (lower/CompilePlan.h) does not optimise and has no
;; provisional checks to begin with.
;; RUN: wasm2native compile --bounds-checks=guard -O2 --emit=llvm %t.wasm -o - \
;; RUN:   --mllvm=-wasm2native-force-tier=baseline | FileCheck %s --check-prefix=BASELINE

;; CHECK-LABEL: define {{.*}} @"wasm:load"(ptr %vmctx, i32 %0)
;; CHECK-NOT: memsize
;; CHECK-NOT: icmp
;; CHECK-NOT: %rt.trap
;; CHECK-DAG: %membase = load ptr, ptr %memory
;; CHECK-DAG: [[EA:%[0-9a-z.]+]] = zext i32 %0 to i64
;; CHECK: [[BASE:%[0-9a-z.]+]] = getelementptr i8, ptr %membase, i64 [[EA]]
;; CHECK: %addr = getelementptr i8, ptr [[BASE]], i64 4294901760
;; CHECK-NOT: icmp
;; CHECK: load i32, ptr %addr, align 1
;; CHECK-NOT: %rt.trap
;; CHECK: ret i32

;; BASELINE-LABEL: define {{.*}} @"wasm:load"(ptr %vmctx, i32 %0)
;; BASELINE-NOT: icmp
;; BASELINE: load i32, ptr %addr, align 1
;; BASELINE-NOT: icmp
;; BASELINE: ret i32

;; EXPLICIT-LABEL: define {{.*}} @"wasm:load"(ptr %vmctx, i32 %0)
;; EXPLICIT: %memsize = load i64
;; EXPLICIT: icmp
;; EXPLICIT: load i32, ptr %addr, align 1
;; EXPLICIT: %rt.trap

;; The offset is below 4 GiB, so that the access can be in bounds of a
;; memory that has grown to 65536 pages (a larger one always traps, and
;; LLVM folds its check into a trap).
(module
  (memory 1)
  (func $load (export "load") (param i32) (result i32)
    (i32.load offset=4294901760 (local.get 0))))
