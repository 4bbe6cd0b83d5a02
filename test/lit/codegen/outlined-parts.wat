;; A function of more than 256 KiB of code is lowered in parts (lower/
;; Outlining.h): some of its constructs become functions of their own that
;; share the locals through a frame and return an exit code for a branch
;; that leaves them. The hidden options make every construct a part here.
;; The parts compute the same as the function whole, at -O2 and -O0, and a
;; trap in a part is reported in the function.
;; DEFINE: %{parts} = --mllvm=-wasm2native-outline-min-bytes=0 \
;; DEFINE:   --mllvm=-wasm2native-outline-part-bytes=1 \
;; DEFINE:   --mllvm=-wasm2native-outline-min-part-bytes=0
;; RUN: %wat2wasm --debug-names %s -o %t.wasm
;; RUN: wasm2native compile -O0 --emit=llvm %t.wasm -o - %{parts} | FileCheck %s
;; RUN: wasm2native compile -O2 %t.wasm -o %t.whole.so
;; RUN: wasm2native compile -O2 %t.wasm -o %t.parts.so %{parts}
;; RUN: wasm2native compile -O0 %t.wasm -o %t.parts0.so %{parts}
;; RUN: wasm2native run --invoke f %t.whole.so 3 | FileCheck %s --check-prefix=F3
;; RUN: wasm2native run --invoke f %t.parts.so 3 | FileCheck %s --check-prefix=F3
;; RUN: wasm2native run --invoke f %t.parts0.so 3 | FileCheck %s --check-prefix=F3
;; RUN: wasm2native run --invoke f %t.parts.so 40 | FileCheck %s --check-prefix=F40
;; RUN: wasm2native run --invoke f %t.parts.so 7 | FileCheck %s --check-prefix=F7
;; RUN: wasm2native run --invoke pair %t.parts.so 5 | FileCheck %s --check-prefix=PAIR
;; RUN: not wasm2native run --invoke f %t.parts.so 13 2>&1 | FileCheck %s --check-prefix=TRAP
;; RUN: not wasm2native run --invoke f %t.parts.so 14 2>&1 | FileCheck %s --check-prefix=FAULT

;; The function keeps its locals (and a parameter) in a frame; each part
;; gets vmctx and the frame and returns an exit code.
;; CHECK-LABEL: define internal i32 @"wasm:f"(
;; CHECK:       %frame = alloca [{{[0-9]+}} x i8], align 16
;; CHECK:       %part = call i32 @"wasm.part:f#0"(ptr %vmctx, ptr %frame)
;; CHECK:       switch i32 %part, label %part.cont [
;; CHECK:       define internal i32 @"wasm.part:f#0"(ptr %vmctx, ptr %frame)
;; CHECK:       ret i32 0

;; F3: 6
;; F40: 1000
;; F7: 777
;; PAIR: 6
;; PAIR-NEXT: 4
;; TRAP: wasm2native: trap: unreachable in f
;; A fault is named from the pc: a part's symbol (wasm.part:f#N) names f.
;; FAULT:      wasm2native: trap: out of bounds memory access in f
;; FAULT-NEXT: wasm backtrace:
;; FAULT-NEXT:   0: f

(module
  (memory 1)
  (func $f (export "f") (param $n i32) (result i32)
    (local $i i32) (local $s i32)
    (block $out (result i32)
      (loop $l
        ;; a return from inside a part, three constructs deep
        (if (i32.eq (local.get $n) (i32.const 7))
          (then (block (return (i32.const 777)))))
        (if (i32.eq (local.get $n) (i32.const 13))
          (then (unreachable)))
        (if (i32.eq (local.get $n) (i32.const 14))
          (then (drop (i32.load (i32.const -16)))))
        (local.set $s (i32.add (local.get $s) (local.get $i)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        ;; a br_table out of the loop's part, with a value
        (drop (block $next (result i32)
          (br_table $next $out
            (i32.const 1000)
            (i32.gt_u (local.get $i) (i32.const 30)))))
        (br_if $l (i32.le_u (local.get $i) (local.get $n))))
      (local.get $s)))
  ;; Values through a part's boundary: parameters and two results.
  (func $pair (export "pair") (param $x i32) (result i32 i32)
    (local.get $x)
    (block (param i32) (result i32 i32)
      (i32.const 1)
      (if (param i32 i32) (result i32 i32) (local.get $x)
        (then (i32.add) (i32.const 4))
        (else (drop) (i32.const 0))))))
