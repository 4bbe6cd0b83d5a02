;; A loop stepping two i32 pointers by 16 with a second element at p + 8
;; (clang's wasm32 output for `y[j] += a * x[j]` unrolled by two). Before
;; the vectoriser, the loop is versioned on "no address wraps" (one check
;; before the loop). On that path the addresses are 64-bit induction
;; variables and p + 8 is p64 + 8: no i32 add and zero-extension per access.
;; As the loop stores (and guard mode checks no access), that path also
;; needs every access inside the memory: a vector store reaching past its
;; end would lose the elements stored before the trap.
;; A second check before the loop compares the byte ranges of x and y; when
;; they are apart, the loop's accesses carry one alias scope per pointer,
;; and the vectoriser needs no run-time checks of its own: the loop becomes
;; <4 x double> loads and stores straight from its preheader. The copy run
;; when an address would wrap keeps the i32 arithmetic; the one run when x
;; and y overlap is widened but has no scopes; neither is vectorised.
;; RUN: %wat2wasm --debug-names %s -o %t.wasm
;; RUN: wasm2native compile -O2 --emit=llvm %t.wasm -o - | FileCheck %s
;; RUN: wasm2native compile -O2 --bounds-checks=explicit --emit=llvm %t.wasm -o - \
;; RUN:   | FileCheck %s --check-prefix=EXPLICIT

;; CHECK-LABEL: define {{.*}} @"wasm:axpy2"(
;; CHECK: %w2n.nowrap{{[0-9]*}} = icmp ult i64 {{.*}}, 4294967296
;; CHECK: %memsize = load i64
;; CHECK: %w2n.inmemory{{[0-9]*}} = and i1
;; CHECK: br i1 %w2n.inmemory{{[0-9]*}}, label %loop.w2n.ph, label %loop.w2n.wrap
;; CHECK: loop.w2n.wrap:
;; CHECK: zext i32 %p1.0.w2n.wrap to i64
;; CHECK: !llvm.loop [[WRAP:![0-9]+]]
;; CHECK: loop.w2n.ph:
;; CHECK: icmp ule i64
;; CHECK: icmp ule i64
;; CHECK: br i1 {{%[0-9]+}}, label %[[FAST:loop.w2n.ph[0-9]+]], label %loop.w2n.alias.preheader
;; CHECK: loop.w2n.alias:
;; CHECK-NOT: zext i32
;; CHECK: !llvm.loop [[ALIAS:![0-9]+]]
;; CHECK: [[FAST]]:
;; CHECK-NOT: memcheck
;; CHECK: vector.body:
;; CHECK-NOT: zext i32
;; CHECK: load <4 x double>, {{.*}}!alias.scope [[X:![0-9]+]], !noalias [[Y:![0-9]+]]
;; CHECK: load <4 x double>, {{.*}}!alias.scope [[Y]], !noalias [[X]]
;; CHECK: store <4 x double>
;; CHECK: loop:
;; CHECK-NEXT: %w2n.addr{{[0-9]*}} = phi i64
;; CHECK: [[WRAP]] = distinct !{[[WRAP]], {{.*}}}
;; CHECK: [[ALIAS]] = distinct !{[[ALIAS]], {{.*}}}

;; Explicit bounds checks: a third check before the loop compares the last
;; address of every access with its limit (InstCombine has turned the
;; checks into i32 compares of the pointers, merged in pairs); where all
;; pass, the loop has no branch to the trap and is vectorised; the copy
;; with the checks stays scalar.
;; EXPLICIT-LABEL: define {{.*}} @"wasm:axpy2"(
;; EXPLICIT: loop.w2n.wrap:
;; EXPLICIT: label %trap
;; EXPLICIT: %w2n.inbounds{{[0-9]+}} = and i1
;; EXPLICIT: br i1 %w2n.inbounds{{[0-9]+}}, label %[[FAST:loop.w2n.ph[0-9]+]], label %loop.w2n.bounds.preheader
;; EXPLICIT: loop.w2n.bounds:
;; EXPLICIT: label %trap
;; EXPLICIT: [[FAST]]:
;; EXPLICIT-NOT: label %trap
;; EXPLICIT: load <4 x double>
;; EXPLICIT-NOT: label %trap
;; EXPLICIT: ret void

(module
  (memory 1)
  (func $axpy2 (export "axpy2") (param $y i32) (param $x i32) (param $a f64)
                                (param $n i32)
    (local $j i32)
    (loop $l
      (f64.store (local.get $y)
        (f64.add (f64.mul (local.get $a) (f64.load (local.get $x)))
                 (f64.load (local.get $y))))
      (f64.store (i32.add (local.get $y) (i32.const 8))
        (f64.add (f64.mul (local.get $a)
                          (f64.load (i32.add (local.get $x) (i32.const 8))))
                 (f64.load (i32.add (local.get $y) (i32.const 8)))))
      (local.set $x (i32.add (local.get $x) (i32.const 16)))
      (local.set $y (i32.add (local.get $y) (i32.const 16)))
      (local.set $j (i32.add (local.get $j) (i32.const 2)))
      (br_if $l (i32.ne (local.get $j)
                        (i32.and (local.get $n) (i32.const -2)))))))
