;; WebAssembly has no undefined lanes: clang fills the shuffle lanes it does
;; not need with lane 0. Once nothing reads them, they become poison
;; (compiler/transform/ShuffleLanePruning.cpp), and on the SSE2 baseline
;; "bytes 7-10 into lanes 0-3" is one byte shift instead of a shift, a
;; mask and a broadcast of byte 0. A shuffle whose every lane is stored
;; keeps them.
;; RUN: %wat2wasm --debug-names %s -o %t.wasm
;; RUN: wasm2native compile -O2 --emit=llvm %t.wasm -o - | FileCheck %s
;; RUN: wasm2native compile -O2 --emit=asm %t.wasm -o - | FileCheck %s --check-prefix=ASM

;; CHECK-LABEL: define {{.*}} @"wasm:widen_sum"(
;; CHECK: shufflevector <16 x i8> {{.*}}, <8 x i32> <i32 7, i32 8, i32 9, i32 10, i32 poison, i32 poison, i32 poison, i32 poison>
;; CHECK: ret <16 x i8>

;; CHECK-LABEL: define {{.*}} @"wasm:stored"(
;; CHECK: shufflevector <16 x i8> {{.*}}, <16 x i32> <i32 7, i32 8, i32 9, i32 10, i32 0, i32 0,
;; CHECK: store <16 x i8>

;; ASM-LABEL: "wasm:widen_sum":
;; ASM-NOT: pshuflw
;; ASM: psrldq $7
;; ASM-NOT: pshuflw
;; ASM: .cfi_endproc

(module
  (memory 1)
  ;; Four bytes at each of six offsets, widened to i32 and summed: the
  ;; shape of clang's vectorised 3x3 blur.
  (func $widen_sum (export "widen_sum") (param $p i32) (result v128)
    (local $v v128)
    (local.set $v (v128.load (local.get $p)))
    (i32x4.add
      (i32x4.add
        (i32x4.add
          (i32x4.extend_low_i16x8_u (i16x8.extend_low_i8x16_u
            (i8x16.shuffle 7 8 9 10 0 0 0 0 0 0 0 0 0 0 0 0
              (local.get $v) (local.get $v))))
          (i32x4.extend_low_i16x8_u (i16x8.extend_low_i8x16_u
            (i8x16.shuffle 7 8 9 10 0 0 0 0 0 0 0 0 0 0 0 0
              (v128.load offset=512 (local.get $p)) (local.get $v)))))
        (i32x4.add
          (i32x4.extend_low_i16x8_u (i16x8.extend_low_i8x16_u
            (i8x16.shuffle 7 8 9 10 0 0 0 0 0 0 0 0 0 0 0 0
              (v128.load offset=1024 (local.get $p)) (local.get $v))))
          (i32x4.extend_low_i16x8_u (i16x8.extend_low_i8x16_u
            (i8x16.shuffle 7 8 9 10 0 0 0 0 0 0 0 0 0 0 0 0
              (v128.load offset=1536 (local.get $p)) (local.get $v))))))
      (i32x4.add
        (i32x4.extend_low_i16x8_u (i16x8.extend_low_i8x16_u
          (i8x16.shuffle 7 8 9 10 0 0 0 0 0 0 0 0 0 0 0 0
            (v128.load offset=2048 (local.get $p)) (local.get $v))))
        (i32x4.extend_low_i16x8_u (i16x8.extend_low_i8x16_u
          (i8x16.shuffle 7 8 9 10 0 0 0 0 0 0 0 0 0 0 0 0
            (v128.load offset=2560 (local.get $p)) (local.get $v)))))))
  (func $stored (export "stored") (param $p i32)
    (v128.store offset=16 (local.get $p)
      (i8x16.shuffle 7 8 9 10 0 0 0 0 0 0 0 0 0 0 0 0
        (v128.load (local.get $p)) (v128.load (local.get $p))))))
