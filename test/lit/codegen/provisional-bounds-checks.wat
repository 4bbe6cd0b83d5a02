;; Guard mode orders writes against accesses that may trap. While the
;; optimiser runs, every access has the bounds check of explicit mode in
;; front of it (compiler/lower/EmitMemory.cpp), a branch to a trap call that
;; may read all memory: so dead-store elimination keeps a store that a later
;; store overwrites when an access in between may trap, and a global kept in
;; a register through a loop is stored on the way to the trap too. After
;; the pipeline, compiler/transform/BoundsCheckElision.cpp removes each
;; check whose access right after it faults in its place, and keeps those
;; whose way to the trap does something the program can see afterwards.
;; RUN: %wat2wasm --debug-names %s -o %t.wasm
;; RUN: wasm2native compile -O2 --emit=llvm %t.wasm -o - \
;; RUN:   --mllvm=-pass-remarks-missed=w2n-bounds-check-elision 2>%t.remarks \
;; RUN:   | FileCheck %s
;; RUN: FileCheck %s --check-prefix=REMARK < %t.remarks

;; All three stores stay, in order, and no compare is left.
;; CHECK-LABEL: define {{.*}} @"wasm:overwrite"(
;; CHECK-NOT: icmp
;; CHECK: store i32 5, ptr %membase
;; CHECK-NOT: icmp
;; CHECK: store i64 1, ptr
;; CHECK-NOT: icmp
;; CHECK: store i32 7, ptr %membase
;; CHECK: ret void

;; The memory size is loaded once, before the loops: stores to the global
;; do not alias the memory object (its own TBAA type). Where every access
;; is in bounds the loop has no check and the global lives in a register;
;; else the loop as written runs, the global still in a register, and its
;; check stays: the way to its trap stores the global first.
;; CHECK-LABEL: define {{.*}} @"wasm:count"(
;; CHECK: %memsize = load i64, ptr {{%[0-9]+}}, align 8, !tbaa [[MO:![0-9]+]]
;; CHECK: loop.w2n.wrap:
;; CHECK: br i1 {{%[0-9]+}}, label %trap, label %cont.w2n.wrap
;; CHECK: loop.w2n.ph:
;; CHECK: %w2n.inbounds = and i1
;; CHECK: trap:
;; CHECK-NEXT: store i32 {{%[0-9]+}}, ptr %global
;; CHECK: call void %rt.trap(ptr {{.*}}%vmctx, i32 5, i32 1)

;; SimplifyCFG sinks the loads of both arms of an `if` into one load after
;; it, of a PHI of the two addresses; the checks stay in the arms. Each is
;; removed: on the edge from its arm the PHI is that arm's address. The
;; global is set before the last load, whose check is gone too: an empty
;; asm that clobbers memory keeps code generation from loading first.
;; CHECK-LABEL: define {{.*}} @"wasm:pick"(
;; CHECK-NOT: icmp ult
;; CHECK: [[A:%[.a-z0-9]+]] = phi i64
;; CHECK-NEXT: [[P:%[.a-z0-9]+]] = getelementptr i8, ptr %membase, i64 [[A]]
;; CHECK-NEXT: load i32, ptr [[P]]
;; CHECK: store i32 {{.*}}, ptr %global
;; CHECK-NEXT: zext
;; CHECK-NEXT: call void asm sideeffect "", "~{memory}"()
;; CHECK-NEXT: getelementptr
;; CHECK-NEXT: load i32
;; CHECK-NOT: icmp ult
;; CHECK: ret i32
;; CHECK: [[MO]] = !{[[MOTY:![0-9]+]], [[MOTY]], i64 0}
;; CHECK: [[MOTY]] = !{!"memory object", {{![0-9]+}}, i64 0}

;; REMARK-COUNT-1: remark: {{.*}} bounds check kept: its way to the trap writes first
;; REMARK-NOT: remark

(module
  (memory 1)
  (global $g (mut i32) (i32.const 0))
  (func $overwrite (export "overwrite") (param $p i32)
    (i32.store (i32.const 0) (i32.const 5))
    (i64.store (local.get $p) (i64.const 1))
    (i32.store (i32.const 0) (i32.const 7)))
  (func $count (export "count") (param $p i32) (param $n i32)
    (loop $l
      (global.set $g (i32.sub (global.get $g) (i32.const 1)))
      (i32.store (local.get $p) (i32.const 1))
      (local.set $p (i32.add (local.get $p) (i32.const 4096)))
      (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1))))))
  (func $pick (export "pick") (param $p i32) (param $q i32) (param $r i32)
                              (param $c i32) (result i32)
    (local $x i32)
    (if (local.get $c)
      (then (local.set $x (i32.load (local.get $p))))
      (else (local.set $x (i32.load (local.get $q)))))
    (global.set $g (local.get $x))
    (i32.add (local.get $x) (i32.load (local.get $r)))))
