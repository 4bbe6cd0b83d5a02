;; memory.copy and memory.fill check their ranges against the memory size in
;; line (both ranges, before a byte is written: the instruction traps as a
;; whole), then are llvm.memmove / llvm.memset: a constant small size
;; becomes a few moves, any other a call of the C library's memmove or
;; memset, in both bounds-check modes.
;; RUN: %wat2wasm --debug-names %s -o %t.wasm
;; RUN: wasm2native compile -O2 --emit=llvm %t.wasm -o - | FileCheck %s
;; RUN: wasm2native compile -O2 --bounds-checks=explicit --emit=llvm %t.wasm -o - | FileCheck %s
;; RUN: wasm2native compile -O2 --emit=asm %t.wasm -o - | FileCheck %s --check-prefix=ASM

;; CHECK-LABEL: define {{.*}} @"wasm:copy"(
;; CHECK: %memsize = load i64
;; CHECK: icmp ugt i64
;; CHECK: icmp ugt i64
;; CHECK: call void @llvm.memmove.p0.p0.i64(ptr align 1 {{.*}}, ptr align 1 {{.*}}, i64 {{.*}}, i1 false)
;; CHECK: call void %rt.trap{{.*}}(ptr {{.*}}%vmctx, i32 5, i32 {{[0-9]+}})

;; CHECK-LABEL: define {{.*}} @"wasm:fill"(
;; CHECK: %memsize = load i64
;; CHECK: call void @llvm.memset.p0.i64(ptr align 1 {{.*}}, i8 {{.*}}, i64 {{.*}}, i1 false)


;; ASM-LABEL: "wasm:copy":
;; ASM: callq memmove@PLT
;; ASM-LABEL: "wasm:fill":
;; ASM: callq memset@PLT
;; A 16-byte copy: one load and one store, no call.
;; ASM-LABEL: "wasm:copy16":
;; ASM-NOT: call
;; ASM: movups (%{{[a-z0-9]+}},%{{[a-z0-9]+}}), %xmm0
;; ASM-NEXT: movups %xmm0, (%{{[a-z0-9]+}},%{{[a-z0-9]+}})
;; ASM-NOT: callq memmove
;; ASM: .cfi_endproc

(module
  (memory 1)
  (func $copy (export "copy") (param $d i32) (param $s i32) (param $n i32)
    (memory.copy (local.get $d) (local.get $s) (local.get $n)))
  (func $fill (export "fill") (param $d i32) (param $v i32) (param $n i32)
    (memory.fill (local.get $d) (local.get $v) (local.get $n)))
  (func $copy16 (export "copy16") (param $d i32) (param $s i32)
    (memory.copy (local.get $d) (local.get $s) (i32.const 16))))
