;; Arithmetic must return quiet NaNs. LLVM would fold x*1.0, x-0.0 and
;; demote(promote(x)) to x, passing a signalling NaN through; the lowering
;; hides the identity operand behind llvm.arithmetic.fence so the real
;; operation stays. min/max get + (-0.0) to quiet a NaN operand.
;; RUN: %wat2wasm --debug-names %s -o %t.wasm
;; RUN: wasm2native compile -O2 --emit=llvm %t.wasm -o - | FileCheck %s

;; CHECK-LABEL: define {{.*}} @"wasm:mul_one"(
;; CHECK: [[ONE:%[0-9a-z.]+]] = {{.*}}call float @llvm.arithmetic.fence.f32(float 1.000000e+00)
;; CHECK: fmul float
;; CHECK-SAME: [[ONE]]

;; CHECK-LABEL: define {{.*}} @"wasm:sub_zero"(
;; CHECK: call double @llvm.arithmetic.fence.f64(double 0.000000e+00)
;; CHECK: fsub double

;; CHECK-LABEL: define {{.*}} @"wasm:promote_demote"(
;; CHECK: fpext float
;; CHECK: call double @llvm.arithmetic.fence.f64
;; CHECK: fptrunc double

;; CHECK-LABEL: define {{.*}} @"wasm:max"(
;; CHECK: [[M:%[0-9a-z.]+]] = {{.*}}call float @llvm.maximum.f32(
;; CHECK: fadd float {{.*}}[[M]]

;; An ordinary constant is left alone, so x/2.0 may become x*0.5.
;; CHECK-LABEL: define {{.*}} @"wasm:half"(
;; CHECK-NOT: arithmetic.fence
;; CHECK: ret float

(module
  (func $mul_one (export "mul_one") (param f32) (result f32)
    (f32.mul (local.get 0) (f32.const 1.0)))
  (func $sub_zero (export "sub_zero") (param f64) (result f64)
    (f64.sub (local.get 0) (f64.const 0.0)))
  (func $promote_demote (export "promote_demote") (param f32) (result f32)
    (f32.demote_f64 (f64.promote_f32 (local.get 0))))
  (func $max (export "max") (param f32 f32) (result f32)
    (f32.max (local.get 0) (local.get 1)))
  (func $half (export "half") (param f32) (result f32)
    (f32.div (local.get 0) (f32.const 2.0))))
