;; A loop stepping two i32 pointers by 16 with a second element at p + 8
;; (clang's wasm32 output for `y[j] += a * x[j]` unrolled by two). Before
;; the vectoriser, the loop is versioned on "no address wraps" (one check
;; before the loop). On that path the addresses are 64-bit induction
;; variables and p + 8 is p64 + 8: no i32 add and zero-extension per access.
;; The bounds checks of its accesses (explicit mode's, and guard mode's
;; provisional ones) compare increasing addresses with fixed limits, so a
;; second check before the loop, on their last values, removes them all:
;; no vector access of that path can reach past the end of memory.
;; A third check compares the byte ranges of x and y; when they are apart,
;; the loop's accesses carry one alias scope per pointer, and the
;; vectoriser needs no run-time checks of its own: the loop becomes
;; <4 x double> loads and stores straight from its preheader. When an
;; address would wrap or an access would be out of bounds, the original
;; loop runs, with its checks (in guard mode BoundsCheckElision leaves them
;; to the guard pages); when x and y overlap, a widened copy without scopes
;; runs; neither is vectorised.
;; RUN: %wat2wasm --debug-names %s -o %t.wasm
;; RUN: wasm2native compile -O2 --emit=llvm %t.wasm -o - | FileCheck %s
;; RUN: wasm2native compile -O2 --bounds-checks=explicit --emit=llvm %t.wasm -o - \
;; RUN:   | FileCheck %s --check-prefix=EXPLICIT

;; CHECK-LABEL: define {{.*}} @"wasm:axpy2"(
;; CHECK: %w2n.nowrap{{[0-9]*}} = icmp ult i64 {{.*}}, 4294967296
;; CHECK: br i1 %w2n.nowrap{{[0-9]*}}, label %loop.w2n.ph, label %[[ORIG:loop.w2n.wrap.preheader]]
;; CHECK: loop.w2n.wrap:
;; CHECK-NOT: label %trap
;; CHECK: zext i32 %p1.0.w2n.wrap to i64
;; CHECK-NOT: label %trap
;; CHECK: !llvm.loop [[WRAP:![0-9]+]]
;; CHECK: loop.w2n.ph:
;; CHECK: %w2n.inbounds{{[0-9]*}} = and i1
;; CHECK: br i1 %w2n.inbounds{{[0-9]*}}, label %loop.w2n.inbounds, label %[[ORIG]]
;; CHECK: loop.w2n.inbounds:
;; CHECK: br i1 {{%[0-9]+}}, label %[[FAST:loop.w2n.ph[0-9]+]], label %{{.*}}.w2n.alias.preheader
;; CHECK: .w2n.alias:
;; CHECK-NOT: zext i32
;; CHECK-NOT: label %trap
;; CHECK: !llvm.loop [[ALIAS:![0-9]+]]
;; CHECK: [[FAST]]:
;; CHECK-NOT: memcheck
;; CHECK: vector.body:
;; CHECK-NOT: zext i32
;; CHECK: load <4 x double>, {{.*}}!alias.scope [[X:![0-9]+]], !noalias [[Y:![0-9]+]]
;; CHECK: load <4 x double>, {{.*}}!alias.scope [[Y]], !noalias [[X]]
;; CHECK: store <4 x double>
;; CHECK-NOT: label %trap
;; CHECK: ret void
;; CHECK: [[WRAP]] = distinct !{[[WRAP]], {{.*}}}
;; CHECK: [[ALIAS]] = distinct !{[[ALIAS]], {{.*}}}

;; Explicit bounds checks: the same versions, and the original loop keeps
;; its checks (InstCombine has turned them into i32 compares of the
;; pointers, merged in pairs).
;; EXPLICIT-LABEL: define {{.*}} @"wasm:axpy2"(
;; EXPLICIT: loop.w2n.wrap:
;; EXPLICIT: label %trap
;; EXPLICIT: %w2n.inbounds{{[0-9]+}} = and i1
;; EXPLICIT: br i1 %w2n.inbounds{{[0-9]+}}, label %loop.w2n.inbounds, label %loop.w2n.wrap.preheader
;; EXPLICIT: loop.w2n.inbounds:
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
