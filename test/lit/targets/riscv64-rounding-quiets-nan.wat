;; floor/ceil/trunc/nearest must return a quiet NaN for a signalling one
;; (spec f32.wast:2456: floor of nan:0x200000 is nan:arithmetic). Without
;; Zfa, LLVM's riscv64 code is `|x| < 2^23 ? convert twice : x`, which hands
;; a signalling NaN back unchanged, so on riscv64 the result gets a fenced
;; + -0.0 (targets/: RoundingKeepsSNaN). AArch64's frint* quiets by itself.
;; RUN: %wat2wasm --debug-names %s -o %t.wasm
;; RUN: wasm2native compile --target riscv64-linux-gnu -O2 --emit=llvm %t.wasm -o - \
;; RUN:   | FileCheck %s --check-prefix=RV
;; RUN: wasm2native compile --target riscv64-linux-gnu -O2 --emit=asm %t.wasm -o - \
;; RUN:   | FileCheck %s --check-prefix=RV-ASM
;; RUN: wasm2native compile --target aarch64-linux-gnu -O2 --emit=llvm %t.wasm -o - \
;; RUN:   | FileCheck %s --check-prefix=A64

;; RV-LABEL: define {{.*}} @"wasm:floor32"(
;; RV: [[R:%[0-9]+]] = call float @llvm.floor.f32(
;; RV-NEXT: [[Z:%[0-9]+]] = call float @llvm.arithmetic.fence.f32(float -0.000000e+00)
;; RV-NEXT: fadd float [[Z]], [[R]]
;; RV-LABEL: define {{.*}} @"wasm:nearest64"(
;; RV: [[R:%[0-9]+]] = call double @llvm.roundeven.f64(
;; RV-NEXT: [[Z:%[0-9]+]] = call double @llvm.arithmetic.fence.f64(double -0.000000e+00)
;; RV-NEXT: fadd double [[Z]], [[R]]
;; RV-LABEL: define {{.*}} @"wasm:ceil4"(
;; RV: [[R:%[0-9]+]] = call <4 x float> @llvm.ceil.v4f32(
;; RV-NEXT: [[Z:%[0-9]+]] = call <4 x float> @llvm.arithmetic.fence.v4f32(
;; RV-NEXT: fadd <4 x float> [[Z]], [[R]]

;; The add is after the join of the convert and the pass-through paths.
;; RV-ASM-LABEL: "wasm:floor32":
;; RV-ASM: fcvt.w.s {{.*}}, rdn
;; RV-ASM: {{^\.LBB[0-9_]+}}:
;; RV-ASM: fadd.s
;; RV-ASM-NEXT: ret

;; A64-LABEL: define {{.*}} @"wasm:floor32"(
;; A64: call float @llvm.floor.f32(
;; A64-NOT: fadd
;; A64: ret float

(module
  (func $floor32 (export "floor32") (param f32) (result f32)
    (f32.floor (local.get 0)))
  (func $nearest64 (export "nearest64") (param f64) (result f64)
    (f64.nearest (local.get 0)))
  (func $ceil4 (export "ceil4") (param v128) (result v128)
    (f32x4.ceil (local.get 0))))
