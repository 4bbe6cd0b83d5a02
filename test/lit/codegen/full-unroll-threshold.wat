;; A loop of 16 iterations that loads a word, swaps its bytes and stores it
;; (sha256's message load) is unrolled fully at -O2 in both bounds-check
;; modes: compiler/codegen/Compile.cpp raises LLVM's full-unroll threshold
;; from 150 to 200, since the bounds check each access carries while the
;; optimiser runs counts in the loop's size (in guard mode it is removed
;; afterwards). With LLVM's default the loop stays, unrolled twice.
;; RUN: %wat2wasm --debug-names %s -o %t.wasm
;; RUN: wasm2native compile -O2 --emit=llvm %t.wasm -o - | FileCheck %s
;; RUN: wasm2native compile -O2 --emit=llvm %t.wasm -o - \
;; RUN:   --mllvm=-unroll-threshold-default=150 | FileCheck %s --check-prefix=LLVM

;; CHECK-LABEL: define {{.*}} @"wasm:load_words"(
;; CHECK-COUNT-16: call i32 @llvm.bswap.i32
;; CHECK-NOT: br i1
;; CHECK: ret void

;; LLVM-LABEL: define {{.*}} @"wasm:load_words"(
;; LLVM: loop:
;; LLVM: br i1 {{.*}}, label %loop

(module
  (memory 1)
  (global $sp (mut i32) (i32.const 4096))
  (func $load_words (export "load_words") (param $in i32)
    (local $i i32) (local $w i32) (local $x i32)
    (local.set $w (i32.sub (global.get $sp) (i32.const 256)))
    (global.set $sp (local.get $w))
    (loop $l
      (local.set $x (i32.load (i32.add (local.get $in) (local.get $i))))
      (i32.store (i32.add (local.get $w) (local.get $i))
        (i32.or
          (i32.and (i32.rotl (local.get $x) (i32.const 8))
                   (i32.const 0x00ff00ff))
          (i32.and (i32.rotr (local.get $x) (i32.const 8))
                   (i32.const 0xff00ff00))))
      (br_if $l (i32.ne (local.tee $i (i32.add (local.get $i) (i32.const 4)))
                        (i32.const 64))))))
