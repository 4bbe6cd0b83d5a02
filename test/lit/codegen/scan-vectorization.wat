;; A loop that leaves at the first difference of two byte ranges (wasi-libc's
;; memcmp) gets a vector search in front of it
;; (compiler/transform/ScanVectorization.cpp): 16 bytes per iteration, after
;; one check that both ranges are inside the memory, then the scalar loop
;; from the first differing byte. A loop with a store in it is left alone.
;; RUN: %wat2wasm --debug-names %s -o %t.wasm
;; RUN: wasm2native compile -O2 --emit=llvm %t.wasm -o - | FileCheck %s
;; RUN: wasm2native compile -O2 --bounds-checks=explicit --emit=llvm %t.wasm -o - | FileCheck %s
;; RUN: wasm2native compile -O2 --emit=asm %t.wasm -o - | FileCheck %s --check-prefix=ASM
;; RUN: wasm2native compile -O2 --target aarch64-linux-gnu --emit=asm %t.wasm -o - | FileCheck %s --check-prefix=A64

;; CHECK-LABEL: define {{.*}} @"wasm:memcmp"(
;; CHECK: %memsize = load i64
;; CHECK: %w2n.scan.inmemory{{[0-9]*}} = and i1
;; CHECK: w2n.scan:
;; CHECK: load <16 x i8>
;; CHECK: load <16 x i8>
;; CHECK: icmp ne <16 x i8>
;; CHECK: bitcast <16 x i1> %w2n.scan.leaves to i16
;; CHECK: w2n.scan.found:
;; CHECK: call {{.*}} @llvm.cttz.i16(
;; CHECK: w2n.resume:
;; CHECK: %w2n.scan.start = phi i64
;; The scalar loop, now run from the first difference.
;; CHECK: load i8
;; CHECK: ret i32

;; CHECK-LABEL: define {{.*}} @"wasm:copy_until"(
;; CHECK-NOT: w2n.scan
;; CHECK: ret i32

;; ASM-LABEL: "wasm:memcmp":
;; ASM: movdqu
;; ASM: pcmpeqb
;; ASM: pmovmskb
;; ASM: .cfi_endproc

;; A64-LABEL: "wasm:memcmp":
;; A64: ldr q
;; A64: cmeq v{{[0-9]+}}.16b
;; A64: .cfi_endproc

(module
  (memory 1)
  (func $memcmp (export "memcmp") (param $l i32) (param $r i32) (param $n i32)
    (result i32)
    (block $done
      (loop $next
        (br_if $done (i32.eqz (local.get $n)))
        (br_if $done (i32.ne (i32.load8_u (local.get $l))
                             (i32.load8_u (local.get $r))))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (local.set $l (i32.add (local.get $l) (i32.const 1)))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $next)))
    (if (result i32) (local.get $n)
      (then (i32.sub (i32.load8_u (local.get $l)) (i32.load8_u (local.get $r))))
      (else (i32.const 0))))
  ;; Copies bytes until a zero byte: the store makes it no search loop.
  (func $copy_until (export "copy_until") (param $d i32) (param $s i32)
    (param $n i32) (result i32)
    (local $i i32) (local $c i32)
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $c (i32.load8_u (i32.add (local.get $s) (local.get $i))))
        (br_if $done (i32.eqz (local.get $c)))
        (i32.store8 (i32.add (local.get $d) (local.get $i)) (local.get $c))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (local.get $i)))
