;; Once a bounds check is handed to the guard pages, the access after it is
;; where the trap happens, and code generation must not move a write of
;; the same block across it: AArch64 ran `ldr [p+100]` before `str [p]`
;; here, since the two addresses differ, so a fault of the load lost the
;; store. compiler/transform/BoundsCheckElision.cpp puts an empty asm that
;; clobbers memory between them (it emits nothing but the //APP markers).
;; A store that uses the loaded value needs none.
;; RUN: %wat2wasm --debug-names %s -o %t.wasm
;; RUN: wasm2native compile -O2 --target aarch64-linux-gnu --emit=asm %t.wasm -o - \
;; RUN:   | FileCheck %s

;; CHECK-LABEL: "wasm:store_then_load":
;; CHECK: str w{{[0-9]+}}, [x[[P:[0-9]+]]]
;; CHECK-NEXT: //APP
;; CHECK-NEXT: //NO_APP
;; CHECK-NEXT: ldr w0, [x[[P]], #100]
;; CHECK-NEXT: ret

;; CHECK-LABEL: "wasm:load_then_store":
;; CHECK: ldr w0, [x[[P:[0-9]+]], #100]
;; CHECK-NEXT: //APP
;; CHECK-NEXT: //NO_APP
;; CHECK-NEXT: str w{{[0-9]+}}, [x[[P]]]
;; CHECK-NEXT: ret

;; CHECK-LABEL: "wasm:increment":
;; CHECK-NOT: APP
;; CHECK: ret

(module
  (memory 1)
  (func $store_then_load (export "store_then_load") (param $p i32) (result i32)
    (i32.store (local.get $p) (i32.const 3))
    (i32.load offset=100 (local.get $p)))
  (func $load_then_store (export "load_then_store") (param $p i32) (result i32)
    (local $x i32)
    (local.set $x (i32.load offset=100 (local.get $p)))
    (i32.store (local.get $p) (i32.const 4))
    (local.get $x))
  (func $increment (export "increment") (param $p i32)
    (i32.store (local.get $p) (i32.add (i32.load (local.get $p)) (i32.const 1)))))
