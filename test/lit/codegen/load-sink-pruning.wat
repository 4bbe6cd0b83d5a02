;; After optimisation, every load leaves the load sink
;; (transform/LoadSinkPruning.cpp). One that codegen can neither delete,
;; narrow nor move (its value reaches a store, call, return, branch or
;; outgoing phi of its own block through full-width operations) stays a
;; plain load; any other becomes volatile, which codegen keeps whole and in
;; place, except one that x86 could fold into a conditional move (a select
;; value), which keeps its sink, stored volatile at the exits.
;; RUN: %wat2wasm --debug-names %s -o %t.wasm
;; RUN: wasm2native compile --bounds-checks=guard -O2 --emit=llvm %t.wasm -o - | FileCheck %s
;; RUN: wasm2native compile --bounds-checks=guard -O2 --emit=asm %t.wasm -o - | FileCheck %s --check-prefix=ASM

;; An f64 loaded, added and stored: anchored by the store, no sink at all.
;; CHECK-LABEL: define {{.*}} @"wasm:axpy"(
;; CHECK-NOT: store volatile
;; CHECK: ret void

;; Only the low half of an i64 is used: codegen could load 4 bytes instead
;; of 8 and miss a straddling access, so the load becomes volatile.
;; CHECK-LABEL: define {{.*}} @"wasm:low_half"(
;; CHECK: load volatile i64, ptr %addr
;; CHECK-NOT: !w2n.load_sink
;; CHECK: ret void

;; A lane extract could become a scalar load of that lane: volatile.
;; CHECK-LABEL: define {{.*}} @"wasm:one_lane"(
;; CHECK: load volatile <16 x i8>, ptr %addr
;; CHECK-NOT: !w2n.load_sink
;; CHECK: ret i32

;; The value is stored only after a branch, where MachineSink could move
;; the load to: volatile.
;; CHECK-LABEL: define {{.*}} @"wasm:used_later"(
;; CHECK: load volatile i32, ptr %addr
;; CHECK: br i1
;; CHECK-NOT: !w2n.load_sink
;; CHECK: ret void

;; Returned: anchored by the return, a plain load.
;; CHECK-LABEL: define {{.*}} @"wasm:returned"(
;; CHECK: load double, ptr %addr
;; CHECK-NOT: store volatile
;; CHECK: ret double

;; Two byte compares combined by a logical and that choose the result:
;; anchored through the compare, the i1 and and the select's condition.
;; CHECK-LABEL: define {{.*}} @"wasm:both_eq"(
;; CHECK-NOT: store volatile
;; CHECK: ret i32

;; A load as a select value: the DAG may load only the selected one, and
;; x86 folds even a volatile load into a CMOV that X86CmovConversion turns
;; into a branch, so both stay in the sink.
;; CHECK-LABEL: define {{.*}} @"wasm:pick"(
;; CHECK: select i1
;; CHECK: store volatile i64 {{.*}}!w2n.load_sink
;; CHECK: ret i32

;; The f64 loop keeps its loads in the FP registers: no move to a general
;; register for an `or`.
;; ASM-LABEL: "wasm:axpy":
;; ASM-NOT: movq %xmm
;; ASM: mulpd
;; ASM-NOT: movq %xmm
;; ASM: .cfi_endproc

(module
  (memory 1)
  (func $axpy (export "axpy") (param $x i32) (param $y i32) (param $n i32)
    (block $done
      (loop $l
        (br_if $done (i32.eqz (local.get $n)))
        (f64.store (local.get $y)
          (f64.add (f64.load (local.get $y))
                   (f64.mul (f64.const 3) (f64.load (local.get $x)))))
        (local.set $x (i32.add (local.get $x) (i32.const 8)))
        (local.set $y (i32.add (local.get $y) (i32.const 8)))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $l))))
  (func $low_half (export "low_half") (param $p i32) (param $q i32)
    (i32.store (local.get $q) (i32.wrap_i64 (i64.load (local.get $p)))))
  (func $one_lane (export "one_lane") (param $p i32) (result i32)
    (i32x4.extract_lane 1 (v128.load (local.get $p))))
  (func $used_later (export "used_later") (param $p i32) (param $c i32)
    (local $v i32)
    (local.set $v (i32.load (local.get $p)))
    (if (local.get $c)
      (then (i32.store offset=64 (local.get $c) (local.get $v)))))
  (func $returned (export "returned") (param $p i32) (result f64)
    (f64.load (local.get $p)))
  (func $both_eq (export "both_eq") (param $p i32) (result i32)
    (if (result i32)
        (i32.and (i32.eq (i32.load8_u (local.get $p)) (i32.const 61))
                 (i32.eq (i32.load8_u offset=1 (local.get $p)) (i32.const 61)))
      (then (i32.const 1)) (else (i32.const 2))))
  (func $pick (export "pick") (param i32 i32 i32) (result i32)
    (select (i32.load (local.get 0)) (i32.load (local.get 1)) (local.get 2))))
